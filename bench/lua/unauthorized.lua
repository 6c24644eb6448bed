-- GET /api/profile without a token: the 401 problem body, never anything else.
package.path = os.getenv("BENCH_LUA_DIR") .. "/?.lua;" .. package.path
expect_status = 401
expect_body = '"status":401'
require("common")
