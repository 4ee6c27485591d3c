"""Reading again the sources that change, each one sync at a time.

* ``sources``: a calendar (ICS URL or file), company news feeds, and every source set
  up at once (`tom sync all`, the web app's background sync);
* ``imap``: the mail account, folder by folder, from where the last sync stopped;
* ``lock``: the lock each source's sync holds, here or in another program, and the
  words for a source already being synced.
"""
