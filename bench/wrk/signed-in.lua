-- Sends the signed-in cookie on every request and counts answers other than 200: a lost session would be a 302 to
-- the sign-in page, which wrk itself does not count as an error.
local threads = {}

function setup(thread)
  table.insert(threads, thread)
end

function init(args)
  not_ok = 0
  wrk.headers["Cookie"] = os.getenv("RM_COOKIE")
end

function response(status, headers, body)
  if status ~= 200 then
    not_ok = not_ok + 1
  end
end

function done(summary, latency, requests)
  local total = 0
  for _, thread in ipairs(threads) do
    total = total + thread:get("not_ok")
  end
  io.write(string.format("Responses other than 200: %d\n", total))
end
