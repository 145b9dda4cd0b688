-- Every request says Connection: close; wrk reconnects for the next one.
wrk.headers["Connection"] = "close"
