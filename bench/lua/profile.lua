-- GET /api/profile with a valid token: 200 and the welcome message for the benchmark's own account.
package.path = os.getenv("BENCH_LUA_DIR") .. "/?.lua;" .. package.path
expect_status = 200
expect_body = "Welcome to the users area " .. os.getenv("BENCH_USER") .. "!"
wrk.headers["Authorization"] = "Bearer " .. os.getenv("BENCH_TOKEN")
require("common")
