-- POST /api/authenticate for the pre-created account: 200 with a token. Successful logins never trip the lockout.
package.path = os.getenv("BENCH_LUA_DIR") .. "/?.lua;" .. package.path
expect_status = 200
expect_body = '"token":"'
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"
wrk.body = string.format('{"username":"%s","password":"%s"}', os.getenv("BENCH_USER"), os.getenv("BENCH_PASSWORD"))
require("common")
