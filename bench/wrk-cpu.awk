# Appends server CPU per request and machine busy share to wrk's RESULT line (bench/serve.sh, bench/partners.sh).
# -v line: the RESULT line of the Lua done() hook; d: server CPU ticks used during the run; t: ticks per second;
# b0, b1: "busy total" machine ticks from /proc/stat before and after.
BEGIN {
    split(line, f, /[ =]/); for (i = 2; i < length(f); i += 2) v[f[i]] = f[i + 1]
    split(b0, x, " "); split(b1, y, " ")
    per = 0; if (v["requests"] > 0) per = d / t * 1e6 / v["requests"]
    busy = 0; if (y[2] > x[2]) busy = 100 * (y[1] - x[1]) / (y[2] - x[2])
    printf "%s server_cpu_s=%.2f cpu_us_per_req=%.1f machine_busy=%.0f\n", line, d / t, per, busy
}
