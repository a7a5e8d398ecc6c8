using System.Text.Json;
using InferScale.Experiments.Results;
using InferScale.Experiments.Store;
using InferScale.Strategies;

namespace InferScale.Experiments.Running;

/// <summary>
/// Works through an <see cref="ExperimentPlan"/>: registers its cases in the store, then each worker claims a case,
/// runs its strategy on every problem of its dataset, stores each problem's outcome and candidates as soon as it is
/// done, and completes the case with its <see cref="CaseOutcome"/>. A case resumed after a crash or a lost lease skips
/// the problems already stored; since samples depend only on (model, prompt, options, seed, index) and compute is
/// counted per call as if alone (<see cref="MemoizingGenerator"/>), a resumed run stores exactly what an uninterrupted
/// one would. Any number of workers, in this or other processes (PostgreSQL), can share a run.
/// </summary>
public sealed class ExperimentRunner
{
    private readonly ExperimentPlan _plan;
    private readonly RunResources _resources;
    private readonly IResultStore _store;
    private readonly ExperimentRunnerOptions _options;
    private readonly IRunObserver? _observer;
    private readonly TimeProvider _time;
    private readonly StrategyCatalog _catalog;
    private readonly Dictionary<string, ExperimentCase> _byId;

    /// <summary>Creates a runner; nothing runs until <see cref="RunAsync"/>.</summary>
    public ExperimentRunner(ExperimentPlan plan, RunResources resources, IResultStore store, ExperimentRunnerOptions? options = null, IRunObserver? observer = null, TimeProvider? timeProvider = null, StrategyCatalog? catalog = null)
    {
        ArgumentNullException.ThrowIfNull(plan);
        ArgumentNullException.ThrowIfNull(resources);
        ArgumentNullException.ThrowIfNull(store);
        _options = options ?? new ExperimentRunnerOptions();
        _options.Validate();
        _plan = plan;
        _resources = resources;
        _store = store;
        _observer = observer;
        _time = timeProvider ?? TimeProvider.System;
        _catalog = catalog ?? StrategyCatalog.Default;
        _byId = plan.Cases.ToDictionary(c => c.Id, StringComparer.Ordinal);
    }

    /// <summary>
    /// Checks that every case's strategy accepts its parameters and budget, without running anything; throws
    /// <see cref="ExperimentConfigException"/> naming the case and the problem.
    /// </summary>
    public void ValidateCases()
    {
        foreach (var c in _plan.Cases)
        {
            try
            {
                _catalog.Create(c.Strategy, CaseStrategy.OptionStrings(c.Params), CaseStrategy.Budget(c));
            }
            catch (Exception ex) when (ex is ArgumentException or NotSupportedException or FormatException)
            {
                throw new ExperimentConfigException($"strategies[{c.Strategy}]", $"case {c.Id}: {ex.Message}");
            }
        }
    }

    /// <summary>Runs until no case is left to claim (or <paramref name="cancellationToken"/> fires); returns the run's progress.</summary>
    public async ValueTask<RunProgress> RunAsync(CancellationToken cancellationToken = default)
    {
        ValidateCases();
        await _store.InitializeAsync(cancellationToken).ConfigureAwait(false);
        var stored = _plan.Cases.Select(c => new StoredCase(c.Id, c.Ordinal, c.ToSpecJson())).ToList();
        await _store.RegisterCasesAsync(_options.RunId, stored, cancellationToken).ConfigureAwait(false);
        if (_options.ReclaimOwnCases)
        {
            for (var n = 0; n < _options.Workers; n++)
                await _store.ReleaseWorkerAsync(_options.RunId, WorkerName(n), cancellationToken).ConfigureAwait(false);
        }
        var progress = await _store.GetProgressAsync(_options.RunId, cancellationToken).ConfigureAwait(false);
        var totalProblems = _plan.Cases.Sum(c => _resources.Problems(c.Dataset).Count);
        _observer?.RunStarted(_plan.Cases.Count, progress.Done, totalProblems);
        while (true)
        {
            var workers = Enumerable.Range(0, _options.Workers).Select(n => WorkAsync(WorkerName(n), cancellationToken).AsTask());
            await Task.WhenAll(workers).ConfigureAwait(false);
            cancellationToken.ThrowIfCancellationRequested();
            progress = await _store.GetProgressAsync(_options.RunId, cancellationToken).ConfigureAwait(false);
            // Other workers (processes sharing the store) still hold cases: wait for them, or for their leases to
            // expire and take the cases over, so that every worker ends with the whole run's results.
            if (progress.Running == 0 || !_options.WaitForOtherWorkers)
                return progress;
            await Task.Delay(_options.PollInterval, _time, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>The finished cases of the run, in plan order (failed cases are left out; see <see cref="IResultStore.ReadResultsAsync"/>).</summary>
    public static async ValueTask<IReadOnlyList<CaseOutcome>> ReadOutcomesAsync(IResultStore store, string runId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(store);
        var list = new List<CaseOutcome>();
        await foreach (var r in store.ReadResultsAsync(runId, cancellationToken).ConfigureAwait(false))
        {
            if (r.Status == CaseStatus.Done && r.Result is not null)
                list.Add(OutcomeJson.Deserialize(r.Result));
        }
        return list;
    }

    private string WorkerName(int n) => $"{_options.WorkerId}-{n}";

    private async ValueTask WorkAsync(string worker, CancellationToken cancellationToken)
    {
        while (!cancellationToken.IsCancellationRequested)
        {
            var claim = await _store.ClaimAsync(_options.RunId, worker, _options.Lease, _options.MaxAttempts, cancellationToken).ConfigureAwait(false);
            if (claim is null)
                return;
            await ExecuteAsync(claim, cancellationToken).ConfigureAwait(false);
        }
    }

    private async ValueTask ExecuteAsync(CaseClaim claim, CancellationToken cancellationToken)
    {
        if (!_byId.TryGetValue(claim.Case.Id, out var experimentCase))
        {
            await _store.FailAsync(claim, $"case {claim.Case.Id} is not in this worker's plan (workers of one run must use the same config)", 1, CancellationToken.None).ConfigureAwait(false);
            return;
        }
        try
        {
            var outcome = await RunCaseAsync(claim, experimentCase, cancellationToken).ConfigureAwait(false);
            await _store.CompleteAsync(claim, OutcomeJson.Serialize(outcome), cancellationToken).ConfigureAwait(false);
            _observer?.CaseFinished(experimentCase, outcome);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // Stopped (Ctrl+C): what is stored stays; hand the case back so the next run resumes it at once.
            await _store.ReleaseWorkerAsync(_options.RunId, claim.WorkerId, CancellationToken.None).ConfigureAwait(false);
            throw;
        }
        catch (LeaseLostException)
        {
            // Another worker took the case over; it resumes from the stored problems.
        }
        catch (Exception ex)
        {
            var willRetry = claim.Attempt < _options.MaxAttempts;
            await _store.FailAsync(claim, $"{ex.GetType().Name}: {ex.Message}", _options.MaxAttempts, CancellationToken.None).ConfigureAwait(false);
            _observer?.CaseFailed(experimentCase, ex, willRetry);
        }
    }

    private async ValueTask<CaseOutcome> RunCaseAsync(CaseClaim claim, ExperimentCase c, CancellationToken cancellationToken)
    {
        var problems = _resources.Problems(c.Dataset);
        var done = new Dictionary<int, ProblemOutcome>();
        foreach (var r in await _store.ReadRecordsAsync(_options.RunId, c.Id, cancellationToken).ConfigureAwait(false))
        {
            if (r.Kind == CaseStrategy.ProblemKind && int.TryParse(r.Key, System.Globalization.CultureInfo.InvariantCulture, out var i))
                done[i] = JsonSerializer.Deserialize(r.Payload, RunningJsonContext.Default.ProblemRecord)!.Outcome;
        }
        _observer?.CaseStarted(c, problems.Count, done.Count);
        var model = _resources.Model(c.Model.Name);
        var renewed = _time.GetTimestamp();
        for (var i = 0; i < problems.Count; i++)
        {
            if (done.ContainsKey(i))
                continue;
            cancellationToken.ThrowIfCancellationRequested();
            var record = await CaseStrategy.RunProblemAsync(_catalog, c, problems[i], model, _resources.RewardModel, _time, cancellationToken).ConfigureAwait(false);
            var payload = JsonSerializer.Serialize(record, RunningJsonContext.Default.ProblemRecord);
            await _store.AppendAsync(claim, [new StoredRecord(CaseStrategy.ProblemKind, i.ToString(System.Globalization.CultureInfo.InvariantCulture), payload)], cancellationToken).ConfigureAwait(false);
            done[i] = record.Outcome;
            _observer?.ProblemFinished(c, record.Outcome);
            if (_time.GetElapsedTime(renewed) > _options.Lease / 4)
            {
                await _store.RenewAsync(claim, _options.Lease, cancellationToken).ConfigureAwait(false);
                renewed = _time.GetTimestamp();
            }
        }
        return new CaseOutcome
        {
            CaseId = c.Id,
            Dataset = c.Dataset.Name,
            Model = c.Model.Name,
            Strategy = c.Strategy,
            Params = c.Params,
            BudgetKind = c.BudgetKind,
            Budget = c.Budget,
            Seed = c.Seed,
            Problems = [.. Enumerable.Range(0, problems.Count).Select(i => done[i])],
        };
    }
}
