import HotpathAnalysis
import HotpathModel
import Testing
import _HotpathTestSupport

@Suite struct ConfigurationTests {
    @Test func readsThresholdsTargetsAndBudgets() throws {
        let configuration = try Configuration.parse(
            """
            # project settings
            [analysis]
            hot_path_threshold = 0.25   # a quarter
            memory_budget = "64 MiB"
            async_target = "90%"
            false_discovery_rate = "10%"
            benchmark_measure = "cpu_time"

            [budgets."render template"]
            p95 = "5 ms"
            mean = 1_500_000

            [budgets.run]
            total = "2 s"
            memory = "1 GiB"
            """)
        #expect(configuration.analysis.hotPathThreshold == 0.25)
        #expect(configuration.analysis.memoryBudgetBytes == 64 * 1_048_576)
        #expect(configuration.analysis.asyncTarget == 0.9)
        #expect(configuration.analysis.falseDiscoveryRate == 0.1)
        #expect(configuration.analysis.measure == .cpuTime)
        #expect(try Configuration.parse("[analysis]").analysis.measure == .realTime)
        #expect(configuration.budgets["render template"] == Budget(mean: 1.5e6, p95: 5e6))
        #expect(configuration.budgets["run"] == Budget(memory: 1_073_741_824, total: 2e9))
    }

    @Test(arguments: [
        (
            "[analysis]\nhot_path_treshold = 0.2", 2,
            "unknown key \"hot_path_treshold\" in [analysis] (did you mean \"hot_path_threshold\"?)"
        ),
        ("[analysis]\n\nasync_target = 1.5", 3, "async_target must be a fraction from 0 to 1"),
        ("[budgets.a]\np95 = \"5 parsecs\"", 2, "p95 must be a duration like \"5 ms\""),
        ("[anlysis]", 1, "unknown section [anlysis] (did you mean \"analysis\"?)"),
        ("hot_path_threshold = 0.2", 1, "must be inside a section"),
        ("[budgets.a]\ntotal = \"1 s\"", 2, "unknown budget key \"total\""),
        ("[analysis]\nfalse_discovery_rate = yes", 2, "expected a number, true/false or a quoted string, found yes"),
        ("[analysis]\nfalse_discovery_rate = 0", 2, "false_discovery_rate must be a number between 0 and 1, exclusive"),
        (
            "[analysis]\n\nfalse_discovery_rate = 1", 3,
            "false_discovery_rate must be a number between 0 and 1, exclusive"
        ),
        (
            "[analysis]\nfalse_discovery_rate = \"lots\"", 2,
            "false_discovery_rate must be a number between 0 and 1, exclusive"
        ),
        ("[analysis]\nsignificance = 0.01", 2, "\"significance\" was replaced by \"false_discovery_rate\""),
        ("[analysis]\nmax_cv = 0.5", 2, "\"max_cv\" was replaced by the noise model"),
        (
            "[analysis]\nbenchmark_measure = \"wall\"", 2,
            "benchmark_measure must be \"real_time\" or \"cpu_time\", found \"wall\""
        ),
    ])
    func errorsNameTheKeyAndLine(text: String, line: Int, message: String) {
        #expect {
            _ = try Configuration.parse(text)
        } throws: { error in
            guard let error = error as? ConfigurationError else { return false }
            return error.line == line && error.message.contains(message)
        }
    }

    @Test func budgetsAreCheckedAgainstTheRun() throws {
        var configuration = Configuration()
        configuration.budgets = [
            "render": Budget(p95: 15e6), "compile": Budget(p95: 1), "absent": Budget(mean: 1),
            "run": Budget(total: 1e6),
        ]
        let report = Analyzer(configuration: configuration).analyze(ExampleProfiles.nested())
        let byKey = Dictionary(uniqueKeysWithValues: report.budgets.map { ("\($0.subject).\($0.measure)", $0) })
        #expect(byKey["render.p95"]?.exceeded == true)  // one 50 ms render
        #expect(byKey["compile.p95"]?.exceeded == true)
        #expect(byKey["absent.mean"]?.actual == nil && byKey["absent.mean"]?.exceeded == false)
        #expect(byKey["run.total"]?.actual == 100e6 && byKey["run.total"]?.exceeded == true)
    }
}
