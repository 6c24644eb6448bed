-- POST /api/authenticate for the pre-created accounts (BENCH_USERS, one per connection), taken in turn so the
-- logins in flight at any moment are for different users: 200 with a token. Successful logins never lock an account.
package.path = os.getenv("BENCH_LUA_DIR") .. "/?.lua;" .. package.path
expect_status = 200
expect_body = '"token":"'
require("common")

local bodies = {}
for user in string.gmatch(os.getenv("BENCH_USERS") or os.getenv("BENCH_USER"), "[^,]+") do
  table.insert(bodies, string.format('{"username":"%s","password":"%s"}', user, os.getenv("BENCH_PASSWORD")))
end
local next_body = 0

function request()
  next_body = next_body % #bodies + 1
  return wrk.format("POST", "/api/authenticate", { ["Content-Type"] = "application/json" }, bodies[next_body])
end
