"""Live downloaders, one module per source. Each returns the file's bytes in the
same format as a user's export, so the raw store and the folder import share one
parser. Nothing here is called by the notebooks: refreshing is an explicit
command (``make data`` / ``python -m helpers data``)."""
