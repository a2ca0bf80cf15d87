"""The interfaces: command line, REST API, web pages and the HTML report."""
