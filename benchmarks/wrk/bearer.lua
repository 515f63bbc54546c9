-- wrk script of the end-to-end benchmark (WrkEndToEnd): every request carries the bearer token the driver
-- minted for this run, passed in the environment so it never appears on a command line.
wrk.headers["Authorization"] = "Bearer " .. os.getenv("BENCH_TOKEN")
