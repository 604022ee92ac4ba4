# bench/lib.sh — shell functions shared by bench/run and bench/tickets: reading a stack's
# demo.env, logging in like a browser, running wrk and reading its figures.  Sourced, not run.
#
# The caller sets THREADS, CONNS, DURATION, WARMUP and work (a scratch directory); measure
# sets its results in globals for the caller.
# shellcheck shell=bash disable=SC2034,SC2154

die() { printf 'bench: %s\n' "$*" >&2; exit 1; }

# Prints the value of KEY in the env file ENV_FILE (KEY=VALUE lines written by tools/wl).
env_get() { sed -n "s/^$1=//p" "$ENV_FILE" | head -n1; }

# Logs in as LOGIN with PASSWORD at URL through the login form (its _csrf, then the POST)
# and prints the session cookie ("wl_sid=..."); dies when the login is refused.
bench_login() {
	local url=$1 login=$2 password=$3 jar html csrf status sid
	jar=$(mktemp "$work/jar.XXXXXX")
	html=$(curl -fsS --max-time 10 -c "$jar" -b "$jar" "$url/login") || die "GET $url/login failed"
	csrf=$(grep -o 'name="_csrf" value="[^"]*"' <<<"$html" | head -n1 | sed 's/.*value="//; s/"$//')
	[[ -n $csrf ]] || die "no _csrf token on $url/login"
	status=$(curl -sS --max-time 30 -o /dev/null -w '%{http_code}' -c "$jar" -b "$jar" \
		--data-urlencode "login=$login" --data-urlencode "password=$password" \
		--data-urlencode "_csrf=$csrf" "$url/login")
	sid=$(awk '$6 == "wl_sid" { print $7 }' "$jar" | tail -n1)
	[[ $status == 303 && -n $sid ]] ||
		die "login as $login failed (HTTP $status, no wl_sid): locked out or wrong password?"
	printf 'wl_sid=%s' "$sid"
}

# wrk's latency figures in milliseconds ("812.00us", "1.23ms", "1.05s").
to_ms() {
	awk -v v="$1" 'BEGIN {
		n = v + 0
		if (v ~ /us$/) n /= 1000; else if (v ~ /ms$/) n += 0; else if (v ~ /m$/) n *= 60000;
		else if (v ~ /s$/) n *= 1000
		printf "%.2f", n }'
}

# Runs wrk on one URL (a warm-up first unless NO_WARMUP=1); the rest of the arguments go to
# wrk (-H ..., -s script.lua), those after "--" to the script.  Sets RPS, P50, P99 (ms),
# BYTES (per response), ERRS (non-2xx/3xx plus socket errors) and OUT (wrk's output file).
measure() {
	local label=$1 url=$2 out=$work/wrk-$1.txt
	local -a opts=() args=()
	shift 2
	while (($#)) && [[ $1 != -- ]]; do
		opts+=("$1")
		shift
	done
	(($#)) && shift
	args=("$@")
	# wrk hands the script the words after the URL
	if [[ ${NO_WARMUP:-0} != 1 ]]; then
		wrk -t"$THREADS" -c"$CONNS" -d"$WARMUP" "${opts[@]}" "$url" "${args[@]}" >/dev/null 2>&1 || true
	fi
	wrk -t"$THREADS" -c"$CONNS" -d"$DURATION" --latency "${opts[@]}" "$url" "${args[@]}" >"$out" 2>&1 ||
		die "wrk failed on $url: $(tail -n3 "$out")"
	OUT=$out
	RPS=$(awk '/^Requests\/sec:/ { print $2 }' "$out")
	P50=$(to_ms "$(awk '$1 == "50%" { print $2; exit }' "$out")")
	P99=$(to_ms "$(awk '$1 == "99%" { print $2; exit }' "$out")")
	# average bytes per response (headers included), from "N requests in Ts, S read"
	BYTES=$(awk '/requests in .* read$/ { n = $1; v = $(NF - 1); u = v; sub(/[0-9.]+/, "", u)
		m = (u == "KB") ? 1024 : (u == "MB") ? 1048576 : (u == "GB") ? 1073741824 : 1
		printf "%d", (n > 0 ? (v + 0) * m / n : 0) }' "$out")
	ERRS=$(awk '/Non-2xx or 3xx responses:/ { n += $NF } /Socket errors:/ {
		for (i = 1; i <= NF; i++) if ($i ~ /^[0-9]+,?$/) n += $i } END { print n + 0 }' "$out")
	cp "$out" "$work/keep-$label.txt"
}
