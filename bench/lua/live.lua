-- /health/live: no auth, no database; the floor of the stack.
package.path = os.getenv("BENCH_LUA_DIR") .. "/?.lua;" .. package.path
expect_status = 200
expect_body = '"status":"Healthy"'
require("common")
