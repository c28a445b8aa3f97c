import HotpathModel

extension ReportContext {
    /// An attribution in words and rows, links relative to `page`.
    func attributionData(_ attribution: Attribution, of item: OperationComparison, from page: String)
        -> AttributionData
    {
        let level = report.comparison?.falseDiscoveryRate ?? 0.05
        let spans = attribution.basis == "per_call"
        func amount(_ value: Double) -> String {
            spans
                ? Self.signedDuration(value)
                : (value >= 0 ? "+" : "−") + UnitFormat.fixed(abs(value) * 100, digits: 1) + " points"
        }
        // A benchmark's frames are the profile run's operations.
        let framesRun = attribution.profile?.currentRun ?? report.run.runID
        let frames = attribution.frames.map { frame in
            AttributionData.Frame(
                name: frame.name,
                href: links.operationPage(framesRun, frame.name).map { links.relative(from: page, to: $0) },
                pathText: frame.path.joined(separator: " › "), kind: frame.kind.rawValue,
                changeText: Self.frameChangeText(frame),
                contributionText: amount(frame.contribution) + (spans ? " per call" : ""), share: frame.share,
                testText: frame.test.map { Self.testName($0.method) + " " + UnitFormat.pValue($0.pValue) },
                significant: (frame.test?.pValue ?? 1) < level)
        }
        let changeText =
            spans
            ? amount(attribution.change) + " per call (" + UnitFormat.duration(attribution.baselineValue) + " → "
                + UnitFormat.duration(attribution.currentValue) + ")"
            : amount(attribution.change) + " of the run's samples (" + UnitFormat.percent(attribution.baselineValue)
                + " → " + UnitFormat.percent(attribution.currentValue) + ")"
        let profile = attribution.profile
        return AttributionData(
            summary: Self.attributionSummary(attribution)
                + (profile.map { " (profile " + Self.fileName($0.currentSource) + ")" } ?? ""),
            changeText: (profile.map { Self.frameChangeIntro($0) } ?? "") + changeText, basis: attribution.basis,
            explained: attribution.explained,
            profileText: profile.map {
                "From the profiles of the same runs: " + Self.fileName($0.currentSource) + " against "
                    + Self.fileName($0.baselineSource) + ", frame " + $0.frame
            },
            profileHref: profile.flatMap { links.hasRun($0.currentRun) ? links.runPage($0.currentRun) : nil }.map {
                links.relative(from: page, to: $0)
            },
            frames: frames)
    }

    /// "In the profiles, BM_sort: " before a benchmark's profile change.
    static func frameChangeIntro(_ profile: AttributionProfile) -> String {
        "In the profiles, " + profile.frame + ": "
    }

    static func fileName(_ path: String) -> String {
        path.split(separator: "/").last.map(String.init) ?? path
    }

    /// "82% from compile_template (self +800 µs/call, p < 0.001)"; several frames add "; 12% from …".
    static func attributionSummary(_ attribution: Attribution) -> String {
        attribution.frames.prefix(2).map { frame in
            var detail: [String] = []
            switch frame.kind {
            case .selfTime:
                if let before = frame.baselineSelfPerCall, let after = frame.currentSelfPerCall {
                    detail.append("self " + signedDuration(after - before) + "/call")
                } else {
                    detail.append("self time")
                }
            case .callCount:
                if let before = frame.baselineCallsPerParent, let after = frame.currentCallsPerParent, before > 0 {
                    detail.append("called " + UnitFormat.fixed(after / before, digits: 1) + "× as often")
                } else {
                    detail.append("called more or less often")
                }
            case .new: detail.append("new")
            case .gone: detail.append("gone")
            }
            if let test = frame.test { detail.append(UnitFormat.pValue(test.pValue)) }
            return UnitFormat.percent(frame.share, digits: 0) + " from " + frame.name + " ("
                + detail.joined(separator: ", ") + ")"
        }.joined(separator: "; ")
    }

    static func frameChangeText(_ frame: AttributedFrame) -> String {
        switch frame.kind {
        case .selfTime:
            guard let before = frame.baselineSelfPerCall, let after = frame.currentSelfPerCall else {
                return "own time"
            }
            return "own time " + UnitFormat.duration(before) + " → " + UnitFormat.duration(after) + " per call"
        case .callCount: return callCountText(frame)
        case .new: return "new in this run"
        case .gone: return "gone since the baseline"
        }
    }

    /// "called 3.0× as often per call of render_template".
    static func callCountText(_ frame: AttributedFrame) -> String {
        let caller = frame.path.dropLast().last ?? "its caller"
        guard let before = frame.baselineCallsPerParent, let after = frame.currentCallsPerParent, before > 0 else {
            return "called more or less often"
        }
        return "called " + UnitFormat.fixed(after / before, digits: 1) + "× as often per call of " + caller + " ("
            + UnitFormat.significant(before, digits: 3) + " → " + UnitFormat.significant(after, digits: 3) + ")"
    }

    static func testName(_ method: String) -> String {
        switch method {
        case "mann_whitney": "Mann-Whitney"
        case "poisson": "Poisson rate test"
        case "two_proportion": "two-proportion test"
        default: method
        }
    }

    /// A duration with its sign: "+800 µs", "−1.20 ms".
    static func signedDuration(_ nanoseconds: Double) -> String {
        (nanoseconds > 0 ? "+" : "") + UnitFormat.duration(nanoseconds)
    }
}
