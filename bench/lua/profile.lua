-- GET /api/profile with a valid token: 200 and the welcome message for the benchmark's own account. A token that
-- carries its own scheme ("JWT eyJ...", as the original Express service's login answers) is sent as it is.
package.path = os.getenv("BENCH_LUA_DIR") .. "/?.lua;" .. package.path
expect_status = 200
expect_body = "Welcome to the users area " .. os.getenv("BENCH_USER") .. "!"
local token = os.getenv("BENCH_TOKEN")
wrk.headers["Authorization"] = string.find(token, " ", 1, true) and token or ("Bearer " .. token)
require("common")
