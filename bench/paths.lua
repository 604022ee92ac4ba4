-- bench/paths.lua — wrk script: every request GETs a path picked at random from a file of
-- paths, one per line (e.g. /pop?phone=13812345678), named after the URL:
--   wrk -t2 -c16 -d10s -s bench/paths.lua http://127.0.0.1:38080 paths.txt
-- Each thread seeds its own generator from its number, so runs are repeatable.

local counter = 0
local paths = {}

function setup(thread)
	counter = counter + 1
	thread:set("id", counter)
end

function init(args)
	local f = assert(io.open(assert(args[1], "usage: URL PATHS_FILE"), "r"))
	for line in f:lines() do
		if line ~= "" then
			paths[#paths + 1] = line
		end
	end
	f:close()
	assert(#paths > 0, "no paths in " .. args[1])
	math.randomseed(1000 + (id or 0))
end

function request()
	return wrk.format("GET", paths[math.random(#paths)])
end
