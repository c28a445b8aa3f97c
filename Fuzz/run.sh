#!/usr/bin/env bash
# Builds one of Hotpath's libFuzzer targets and runs it: Fuzz/run.sh TARGET [SECONDS] [libFuzzer flags…]
#
#   TARGET   native, chrome-trace, speedscope, collapsed, google-benchmark, hyperfine,
#            pytest-benchmark, pyperf, perf-script, v8-cpuprofile, pprof, jmh, benchmarkdotnet,
#            firefox-profiler, callgrind, macos-sample, dtrace, ingest (detection + decoding + any importer) or templates
#   SECONDS  how long to fuzz (default 600)
#
# The build is release with AddressSanitizer plus libFuzzer's coverage, in its own scratch
# folder (.build-fuzz) so it never invalidates the ordinary debug build. The corpus grows in
# .build-fuzz/corpus/TARGET (kept between runs); it starts from Fuzz/Seeds/TARGET and the real
# sample dumps (Tests/Fixtures/samples, plus $HOTPATH_SAMPLES when set; gzip files decompressed, files over
# 256 KiB left out), copied at run time, never committed. Crashes, timeouts and out-of-memory
# inputs land in .build-fuzz/findings/TARGET/ (not artifacts/: SwiftPM empties a scratch
# folder's artifacts/ when it builds). See Docs/fuzzing.md.
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="/opt/swift/usr/bin:$PATH"

target="${1:?usage: Fuzz/run.sh TARGET [SECONDS] [libFuzzer flags…]}"
seconds="${2:-600}"
shift $(( $# >= 2 ? 2 : 1 ))

case "$target" in
  native) product=FuzzNative; samples=(); dict=json.dict ;;
  chrome-trace) product=FuzzChromeTrace; samples=(chrome-trace); dict=json.dict ;;
  speedscope) product=FuzzSpeedscope; samples=(speedscope); dict=json.dict ;;
  collapsed) product=FuzzCollapsed; samples=(collapsed); dict=text.dict ;;
  google-benchmark) product=FuzzGoogleBenchmark; samples=(google-benchmark); dict=json.dict ;;
  hyperfine) product=FuzzHyperfine; samples=(hyperfine); dict=json.dict ;;
  pytest-benchmark) product=FuzzPytestBenchmark; samples=(pytest-benchmark); dict=json.dict ;;
  pyperf) product=FuzzPyperf; samples=(pyperf); dict=json.dict ;;
  perf-script) product=FuzzPerfScript; samples=(other/linux-perf-script); dict=text.dict ;;
  v8-cpuprofile) product=FuzzV8CPUProfile; samples=(other/v8-cpuprofile); dict=json.dict ;;
  pprof) product=FuzzPprof; samples=(pprof); dict=pprof.dict ;;
  jmh) product=FuzzJMH; samples=(other/jmh); dict=json.dict ;;
  benchmarkdotnet) product=FuzzBenchmarkDotNet; samples=(other/benchmarkdotnet); dict=json.dict ;;
  firefox-profiler) product=FuzzFirefoxProfile; samples=(other/firefox-gecko other/firefox-processed); dict=json.dict ;;
  callgrind) product=FuzzCallgrind; samples=(other/callgrind); dict=callgrind.dict ;;
  macos-sample) product=FuzzMacOSSample; samples=(other/macos-sample); dict=text.dict ;;
  dtrace) product=FuzzDTrace; samples=(other/dtrace); dict=text.dict ;;
  ingest) product=FuzzIngest; samples=(chrome-trace speedscope collapsed google-benchmark hyperfine pytest-benchmark pyperf other/linux-perf-script other/v8-cpuprofile pprof other/jmh other/benchmarkdotnet other/firefox-gecko other/firefox-processed other/callgrind other/macos-sample other/dtrace); dict=json.dict ;;
  templates) product=FuzzTemplates; samples=(); dict=templates.dict ;;
  *) echo "unknown target '$target'" >&2; exit 64 ;;
esac

scratch=.build-fuzz
swift build --scratch-path "$scratch" -c release -Xswiftc -sanitize=fuzzer,address --product "$product" 2>&1 \
  | grep -v "Cannot export local symbol '__asan_extra_spill_area'" | tail -n 3
binary="$scratch/release/$product"

corpus="$scratch/corpus/$target"
seeds="$scratch/seeds/$target"
artifacts="$scratch/findings/$target"
rm -rf "$seeds"
mkdir -p "$corpus" "$seeds" "$artifacts"

# Hand-made seeds (committed).
if [ "$target" = ingest ]; then
  for folder in Fuzz/Seeds/*/; do
    [ "$(basename "$folder")" = templates ] && continue
    cp "$folder"* "$seeds/" 2>/dev/null || true
  done
  # The decoding paths: gzip, UTF-16 with and without a byte-order mark.
  gzip -c Fuzz/Seeds/native/sampled.json > "$seeds/native.json.gz"
  iconv -f UTF-8 -t UTF-16 Fuzz/Seeds/collapsed/simple.txt > "$seeds/collapsed-utf16-bom.txt"
  iconv -f UTF-8 -t UTF-16LE Fuzz/Seeds/hyperfine/results.json > "$seeds/hyperfine-utf16le.json"
else
  cp Fuzz/Seeds/"$target"/* "$seeds/" 2>/dev/null || true
fi
# The project's own templates, each behind the byte that picks its output format.
if [ "$target" = templates ]; then
  while IFS= read -r file; do
    case "$file" in
      *.html) selector=A ;; *.md) selector=B ;; *.css) selector=C ;; *.atom) selector=E ;; *) continue ;;
    esac
    { printf '%s' "$selector"; cat "$file"; } > "$seeds/$(echo "$file" | tr '/' '_')"
  done < <(find Templates -type f)
fi
# The real-world samples (vendored, and an external collection when named), copied at run time.
roots=(Tests/Fixtures/samples)
[ -n "${HOTPATH_SAMPLES:-}" ] && roots+=("$HOTPATH_SAMPLES")
for root in "${roots[@]}"; do
  for folder in "${samples[@]}"; do
    [ -d "$root/$folder" ] || continue
    while IFS= read -r file; do
      name="$(echo "$folder" | tr '/' '_')-$(echo "${file#"$root/$folder/"}" | tr '/' '_')"
      case "$file" in
        *.gz) gzip -dc "$file" > "$seeds/${name%.gz}" 2>/dev/null || true ;;
        # pprof files are gzip whatever their name: the importer alone reads them inflated.
        *) if [ "$target" = pprof ] && gzip -t "$file" 2>/dev/null; then gzip -dc "$file" > "$seeds/$name"; else cp "$file" "$seeds/$name"; fi ;;
      esac
    done < <(find "$root/$folder" -type f -size -256k)
  done
done
find "$seeds" -type f -size +256k -delete

echo "fuzz: $product for $seconds s; corpus $corpus ($(find "$corpus" -type f | wc -l) files), $(find "$seeds" -type f | wc -l) seeds"
# Crashes must reach libFuzzer's handler (which saves the input), not Swift's backtracer.
SWIFT_BACKTRACE=enable=no "$binary" \
  -max_total_time="$seconds" -max_len=65536 -timeout=60 -rss_limit_mb=3072 -print_final_stats=1 \
  -dict="Fuzz/$dict" -artifact_prefix="$artifacts/" "$@" "$corpus" "$seeds"
