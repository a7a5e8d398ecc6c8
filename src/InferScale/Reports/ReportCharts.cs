using System.Text.Json.Nodes;
using InferScale.Strategies;

namespace InferScale.Reports;

/// <summary>Builds the report's Vega-Lite specifications from a <see cref="RunSummary"/> (data inlined in each).</summary>
internal static class ReportCharts
{
    private const string Schema = "https://vega.github.io/schema/vega-lite/v6.json";
    private const int Width = 620;
    private const int Height = 260;

    /// <summary>The charts the summary has data for, in report order; a section without data gets no chart (the page says why).</summary>
    public static IReadOnlyList<ReportChart> Build(RunSummary s)
    {
        var charts = new List<ReportChart>();
        var measured = s.Strategies.Where(r => r.Tokens > 0 && r.Flops > 0).ToList();
        if (measured.Count > 0)
        {
            charts.Add(new("plot-accuracy-tokens", "Accuracy vs compute (tokens)",
                "Accuracy against mean tokens per problem (log scale), one line per strategy and parameters, one panel per model; bands and bars are 95% bootstrap intervals over problems. pass-at-k is the oracle (any sample correct).",
                AccuracyVsCompute(measured, "tokens", "mean tokens per problem (log)")));
            charts.Add(new("plot-accuracy-flops", "Accuracy vs compute (FLOPs)",
                "The same rows against mean policy FLOPs per problem (log scale), which compares models of different sizes.",
                AccuracyVsCompute(measured, "flops", "mean FLOPs per problem (log)")));
        }
        if (s.ScalingLaws.Any(c => c.Observed.Count > 0))
        {
            charts.Add(new("plot-scaling-laws", "Coverage and majority curves with fitted laws",
                $"Points: observed accuracy by samples k. Solid lines: the fitted law (coverage exp(a·k^b) for pass-at-k, A − B·k^(−β) for majority) over the observed range; dashed: its extrapolation to {ReportText.Number(ScalingCurveAnalysis.ExtrapolationFactor)}× the largest budget.",
                ScalingLaws(s)));
        }
        if (s.LevelWinners.Count > 0)
        {
            charts.Add(new("plot-level-winners", "Per-difficulty-level winners",
                "The most accurate strategy on each difficulty level at each budget (colour), with its accuracy on that level; ties go to the row with fewer tokens. Cells where every row scored 0 are empty. The oracle pass-at-k is left out.",
                LevelWinners(s)));
        }
        var contenders = measured.Where(r => r.Strategy != PassAtKStrategyExtensions.Name).ToList();
        if (contenders.Count > 0)
        {
            charts.Add(new("plot-frontier-tokens", "Compute-optimal frontier (tokens)",
                "Every row (colour: strategy, shape: model) against mean tokens; the line is the Pareto front: no cheaper row is as accurate.",
                Frontier(contenders, s.Frontier.Tokens, "tokens", "mean tokens per problem (log)")));
            charts.Add(new("plot-frontier-flops", "Compute-optimal frontier (FLOPs)",
                "The same against mean FLOPs per problem, across models and strategies.",
                Frontier(contenders, s.Frontier.Flops, "flops", "mean FLOPs per problem (log)")));
        }
        if (s.ComputeOptimal.Curve is { Count: > 0 } && s.ComputeOptimal.Bon64Accuracy is not null)
        {
            charts.Add(new("plot-compute-optimal", "Compute-optimal curve vs weighted best-of-N",
                "The compute-optimal policy (strategy chosen per difficulty bin) against mean tokens; the dashed line and diamond are weighted best-of-64.",
                ComputeOptimal(s)));
        }
        if (s.ExchangeRate.Rows.Count > 0)
        {
            charts.Add(new("plot-exchange-rate", "FLOPs-matched: small model + test-time compute vs large model greedy",
                $"For each R = D_inference/D_pretrain, {s.ExchangeRate.SmallModel}'s best row within the FLOPs that match {s.ExchangeRate.LargeModel}'s pretraining plus greedy inference (Snell et al.), against {s.ExchangeRate.LargeModel} greedy.",
                Exchange(s)));
        }
        return charts;
    }

    private static JsonObject AccuracyVsCompute(IReadOnlyList<StrategySummary> rows, string cost, string title)
    {
        var values = new JsonArray([.. rows.Select(r => (JsonNode)new JsonObject
        {
            ["model"] = r.Model,
            ["series"] = r.Series,
            ["budget"] = ReportText.Budget(r.Budget, r.BudgetKind),
            ["cost"] = cost == "tokens" ? r.Tokens : r.Flops,
            ["accuracy"] = r.Accuracy,
            ["lo"] = r.Ci[0],
            ["hi"] = r.Ci[1],
        })]);
        var x = Axis("cost", title, log: true);
        var color = new JsonObject
        {
            ["field"] = "series", ["type"] = "nominal", ["title"] = "strategy",
            ["legend"] = new JsonObject { ["symbolOpacity"] = 1, ["labelLimit"] = 320 },
        };
        var band = color; // one shared colour scale, so one legend (a "legend": null here would hide it for every layer)
        return Facet(values, new JsonArray(
            Layer(new JsonObject { ["type"] = "area", ["opacity"] = 0.08 }, new JsonObject
            {
                ["x"] = x.DeepClone(), ["y"] = Accuracy("lo"), ["y2"] = new JsonObject { ["field"] = "hi" }, ["color"] = band.DeepClone(),
            }),
            Layer(new JsonObject { ["type"] = "rule", ["opacity"] = 0.5 }, new JsonObject
            {
                ["x"] = x.DeepClone(), ["y"] = Accuracy("lo"), ["y2"] = new JsonObject { ["field"] = "hi" }, ["color"] = band.DeepClone(),
            }),
            Layer(new JsonObject { ["type"] = "line", ["point"] = true }, new JsonObject
            {
                ["x"] = x.DeepClone(), ["y"] = Accuracy("accuracy"), ["color"] = color.DeepClone(),
                ["tooltip"] = Tooltip(("series", "nominal"), ("budget", "nominal"), ("accuracy", "quantitative"), ("lo", "quantitative"), ("hi", "quantitative"), ("cost", "quantitative")),
            })));
    }

    private static JsonObject ScalingLaws(RunSummary s)
    {
        var values = new JsonArray();
        foreach (var c in s.ScalingLaws)
        {
            var curve = c.ParamsText.Length == 0 ? c.Strategy : $"{c.Strategy}({c.ParamsText})";
            foreach (var p in c.Observed)
                values.Add(new JsonObject { ["model"] = c.Model, ["curve"] = curve, ["k"] = p.Budget, ["value"] = p.Value, ["part"] = "observed" });
            var largest = c.Observed.Max(p => p.Budget);
            foreach (var p in c.Fitted)
            {
                // The boundary point belongs to both parts so the solid and dashed lines join.
                if (p.Budget <= largest)
                    values.Add(new JsonObject { ["model"] = c.Model, ["curve"] = curve, ["k"] = p.Budget, ["value"] = p.Value, ["part"] = "fit" });
                if (p.Budget >= largest)
                    values.Add(new JsonObject { ["model"] = c.Model, ["curve"] = curve, ["k"] = p.Budget, ["value"] = p.Value, ["part"] = "extrapolation" });
            }
        }
        var x = Axis("k", "samples k (log)", log: true);
        var color = new JsonObject { ["field"] = "curve", ["type"] = "nominal", ["title"] = "curve" };
        return Facet(values, new JsonArray(
            Layer(new JsonObject { ["type"] = "line" }, new JsonObject
            {
                ["x"] = x.DeepClone(), ["y"] = Accuracy("value"), ["color"] = color.DeepClone(),
                ["strokeDash"] = new JsonObject
                {
                    ["field"] = "part", ["type"] = "nominal", ["title"] = "law",
                    ["scale"] = new JsonObject { ["domain"] = new JsonArray("fit", "extrapolation"), ["range"] = new JsonArray(new JsonArray(1, 0), new JsonArray(6, 4)) },
                },
            }, filter: "datum.part !== 'observed'"),
            Layer(new JsonObject { ["type"] = "point", ["filled"] = true, ["size"] = 50 }, new JsonObject
            {
                ["x"] = x.DeepClone(), ["y"] = Accuracy("value"), ["color"] = color.DeepClone(),
                ["tooltip"] = Tooltip(("curve", "nominal"), ("k", "quantitative"), ("value", "quantitative")),
            }, filter: "datum.part === 'observed'")));
    }

    private static JsonObject LevelWinners(RunSummary s)
    {
        var multiModel = s.Models.Count > 1;
        var rows = s.Strategies.Where(r => r.Strategy != PassAtKStrategyExtensions.Name && r.ByLevel.Count > 0).ToList();
        var budgets = rows.Select(r => (r.BudgetKind, r.Budget)).Distinct().OrderBy(b => b.BudgetKind, StringComparer.Ordinal).ThenBy(b => b.Budget)
            .Select(b => ReportText.Budget(b.Budget, b.BudgetKind)).ToList();
        var levels = rows.SelectMany(r => r.ByLevel.Keys).Distinct(StringComparer.Ordinal).Order(ReportText.LevelComparer).ToList();
        var values = new JsonArray([.. s.LevelWinners.Select(w =>
        {
            var series = ReportText.Series(w.Strategy, w.ParamsText, "samples");
            return (JsonNode)new JsonObject
            {
                ["budget"] = ReportText.Budget(w.Budget, w.BudgetKind),
                ["level"] = w.Level,
                ["winner"] = multiModel ? $"{w.Model}: {series}" : series,
                ["accuracy"] = w.Accuracy,
                ["label"] = ReportText.Percent(w.Accuracy) + (w.Tied > 0 ? $" (+{w.Tied} tied)" : ""),
            };
        })]);
        var x = new JsonObject
        {
            ["field"] = "level", ["type"] = "ordinal", ["title"] = "difficulty level",
            ["scale"] = new JsonObject { ["domain"] = new JsonArray([.. levels.Select(l => (JsonNode)l)]) },
            ["axis"] = new JsonObject { ["labelAngle"] = 0 },
        };
        var y = new JsonObject
        {
            ["field"] = "budget", ["type"] = "ordinal", ["title"] = "budget",
            ["scale"] = new JsonObject { ["domain"] = new JsonArray([.. budgets.Select(b => (JsonNode)b)]) },
        };
        return new JsonObject
        {
            ["$schema"] = Schema,
            ["data"] = new JsonObject { ["values"] = values },
            ["width"] = Math.Min(Width, 90 * Math.Max(1, levels.Count)),
            ["height"] = Math.Max(60, 28 * budgets.Count),
            ["layer"] = new JsonArray(
                Layer(new JsonObject { ["type"] = "rect" }, new JsonObject
                {
                    ["x"] = x.DeepClone(), ["y"] = y.DeepClone(),
                    ["color"] = new JsonObject { ["field"] = "winner", ["type"] = "nominal", ["title"] = "winner" },
                    ["tooltip"] = Tooltip(("level", "ordinal"), ("budget", "ordinal"), ("winner", "nominal"), ("accuracy", "quantitative")),
                }),
                Layer(new JsonObject { ["type"] = "text", ["fontSize"] = 11 }, new JsonObject
                {
                    ["x"] = x.DeepClone(), ["y"] = y.DeepClone(), ["text"] = new JsonObject { ["field"] = "label" },
                })),
        };
    }

    private static JsonObject Frontier(IReadOnlyList<StrategySummary> rows, IReadOnlyList<FrontierPoint> front, string cost, string title)
    {
        var values = new JsonArray();
        foreach (var r in rows)
        {
            values.Add(new JsonObject
            {
                ["model"] = r.Model, ["strategy"] = r.Strategy, ["series"] = r.Series, ["budget"] = ReportText.Budget(r.Budget, r.BudgetKind),
                ["cost"] = cost == "tokens" ? r.Tokens : r.Flops, ["accuracy"] = r.Accuracy, ["layer"] = "row",
            });
        }
        foreach (var p in front)
        {
            values.Add(new JsonObject
            {
                ["model"] = p.Model, ["strategy"] = p.Strategy, ["series"] = ReportText.Series(p.Strategy, p.ParamsText, p.BudgetKind),
                ["budget"] = ReportText.Budget(p.Budget, p.BudgetKind), ["cost"] = p.Cost, ["accuracy"] = p.Accuracy, ["layer"] = "front",
            });
        }
        var x = Axis("cost", title, log: true);
        return new JsonObject
        {
            ["$schema"] = Schema,
            ["data"] = new JsonObject { ["values"] = values },
            ["width"] = Width,
            ["height"] = Height,
            ["layer"] = new JsonArray(
                Layer(new JsonObject { ["type"] = "line", ["interpolate"] = "step-after", ["color"] = "#444", ["strokeWidth"] = 1.5 }, new JsonObject
                {
                    ["x"] = x.DeepClone(), ["y"] = Accuracy("accuracy"),
                }, filter: "datum.layer === 'front'"),
                Layer(new JsonObject { ["type"] = "point", ["filled"] = true, ["size"] = 70, ["opacity"] = 0.85 }, new JsonObject
                {
                    ["x"] = x.DeepClone(), ["y"] = Accuracy("accuracy"),
                    ["color"] = new JsonObject { ["field"] = "strategy", ["type"] = "nominal", ["title"] = "strategy" },
                    ["shape"] = new JsonObject { ["field"] = "model", ["type"] = "nominal", ["title"] = "model" },
                    ["tooltip"] = Tooltip(("model", "nominal"), ("series", "nominal"), ("budget", "nominal"), ("accuracy", "quantitative"), ("cost", "quantitative")),
                }, filter: "datum.layer === 'row'")),
        };
    }

    private static JsonObject ComputeOptimal(RunSummary s)
    {
        var co = s.ComputeOptimal;
        var values = new JsonArray();
        foreach (var p in co.Curve!.Where(p => p.MeanTokens > 0))
            values.Add(new JsonObject { ["label"] = p.Label, ["tokens"] = p.MeanTokens, ["accuracy"] = p.Accuracy, ["what"] = "compute-optimal" });
        if (co.Bon64Tokens is > 0)
            values.Add(new JsonObject { ["label"] = "weighted best-of-64", ["tokens"] = co.Bon64Tokens, ["accuracy"] = co.Bon64Accuracy, ["what"] = "weighted best-of-64" });
        var x = Axis("tokens", "mean tokens per problem (log)", log: true);
        return new JsonObject
        {
            ["$schema"] = Schema,
            ["width"] = Width,
            ["height"] = Height,
            ["layer"] = new JsonArray(
                new JsonObject
                {
                    ["data"] = new JsonObject { ["values"] = new JsonArray(new JsonObject { ["accuracy"] = co.Bon64Accuracy }) },
                    ["mark"] = new JsonObject { ["type"] = "rule", ["strokeDash"] = new JsonArray(6, 4), ["color"] = "#888" },
                    ["encoding"] = new JsonObject { ["y"] = Accuracy("accuracy") },
                },
                new JsonObject
                {
                    ["data"] = new JsonObject { ["values"] = values },
                    ["mark"] = new JsonObject { ["type"] = "line", ["point"] = true },
                    ["transform"] = new JsonArray(new JsonObject { ["filter"] = "datum.what === 'compute-optimal'" }),
                    ["encoding"] = new JsonObject
                    {
                        ["x"] = x.DeepClone(), ["y"] = Accuracy("accuracy"),
                        ["color"] = new JsonObject { ["field"] = "what", ["type"] = "nominal", ["title"] = null },
                        ["tooltip"] = Tooltip(("label", "nominal"), ("tokens", "quantitative"), ("accuracy", "quantitative")),
                    },
                },
                new JsonObject
                {
                    ["data"] = new JsonObject { ["values"] = values.DeepClone() },
                    ["mark"] = new JsonObject { ["type"] = "point", ["shape"] = "diamond", ["filled"] = true, ["size"] = 120 },
                    ["transform"] = new JsonArray(new JsonObject { ["filter"] = "datum.what !== 'compute-optimal'" }),
                    ["encoding"] = new JsonObject
                    {
                        ["x"] = x.DeepClone(), ["y"] = Accuracy("accuracy"),
                        ["color"] = new JsonObject { ["field"] = "what", ["type"] = "nominal", ["title"] = null },
                        ["tooltip"] = Tooltip(("label", "nominal"), ("tokens", "quantitative"), ("accuracy", "quantitative")),
                    },
                }),
        };
    }

    private static JsonObject Exchange(RunSummary s)
    {
        var x = s.ExchangeRate;
        var values = new JsonArray();
        foreach (var r in x.Rows)
        {
            var ratio = "R = " + ReportText.Number(r.R);
            values.Add(new JsonObject
            {
                ["r"] = ratio, ["who"] = $"{x.LargeModel} greedy", ["accuracy"] = x.LargeGreedyAccuracy, ["detail"] = "greedy",
            });
            values.Add(new JsonObject
            {
                ["r"] = ratio, ["who"] = $"{x.SmallModel} + test-time compute", ["accuracy"] = r.SmallAccuracy ?? 0,
                ["detail"] = r.SmallStrategy is null ? "no row fits the budget"
                    : $"{ReportText.Series(r.SmallStrategy, r.SmallParamsText ?? "", r.SmallBudgetKind ?? "samples")} @ {ReportText.Budget(r.SmallBudget ?? 0, r.SmallBudgetKind ?? "samples")}",
            });
        }
        var order = new JsonArray([.. x.Rows.Select(r => (JsonNode)("R = " + ReportText.Number(r.R)))]);
        return new JsonObject
        {
            ["$schema"] = Schema,
            ["data"] = new JsonObject { ["values"] = values },
            ["width"] = 420,
            ["height"] = Height,
            ["mark"] = new JsonObject { ["type"] = "bar" },
            ["encoding"] = new JsonObject
            {
                ["x"] = new JsonObject { ["field"] = "r", ["type"] = "ordinal", ["title"] = "R = D_inference / D_pretrain", ["sort"] = order },
                ["xOffset"] = new JsonObject { ["field"] = "who", ["type"] = "nominal" },
                ["y"] = Accuracy("accuracy"),
                ["color"] = new JsonObject { ["field"] = "who", ["type"] = "nominal", ["title"] = null },
                ["tooltip"] = Tooltip(("who", "nominal"), ("detail", "nominal"), ("accuracy", "quantitative")),
            },
        };
    }

    private static JsonObject Facet(JsonArray values, JsonArray layers) => new()
    {
        ["$schema"] = Schema,
        ["data"] = new JsonObject { ["values"] = values },
        ["facet"] = new JsonObject { ["row"] = new JsonObject { ["field"] = "model", ["type"] = "nominal", ["title"] = "model" } },
        ["spec"] = new JsonObject { ["width"] = Width, ["height"] = Height, ["layer"] = layers },
        ["resolve"] = new JsonObject { ["scale"] = new JsonObject { ["x"] = "independent" } },
    };

    private static JsonObject Layer(JsonObject mark, JsonObject encoding, string? filter = null)
    {
        var layer = new JsonObject { ["mark"] = mark, ["encoding"] = encoding };
        if (filter is not null) layer["transform"] = new JsonArray(new JsonObject { ["filter"] = filter });
        return layer;
    }

    private static JsonObject Axis(string field, string title, bool log) => new()
    {
        ["field"] = field,
        ["type"] = "quantitative",
        ["title"] = title,
        ["scale"] = log ? new JsonObject { ["type"] = "log", ["nice"] = false, ["padding"] = 14 } : new JsonObject(),
        ["axis"] = new JsonObject { ["format"] = "~s", ["tickCount"] = 6 },
    };

    private static JsonObject Accuracy(string field) => new()
    {
        ["field"] = field,
        ["type"] = "quantitative",
        ["title"] = "accuracy",
        ["scale"] = new JsonObject { ["domain"] = new JsonArray(0, 1) },
        ["axis"] = new JsonObject { ["format"] = "%" },
    };

    private static JsonArray Tooltip(params (string Field, string Type)[] fields)
    {
        var tooltip = new JsonArray();
        foreach (var (field, type) in fields)
        {
            var item = new JsonObject { ["field"] = field, ["type"] = type };
            if (field is "accuracy" or "lo" or "hi" or "value") item["format"] = ".1%";
            else if (field is "cost" or "tokens") item["format"] = ".3~s";
            tooltip.Add(item);
        }
        return tooltip;
    }
}
