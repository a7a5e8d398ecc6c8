namespace InferScale.Backends.OpenAI;

/// <summary>
/// Load balancing and failover over the endpoints of one model: picks an endpoint per attempt (least outstanding
/// requests or round robin), skipping endpoints that are cooling down after <c>FailureThreshold</c> consecutive
/// failures; when all are cooling down, the one whose cool-down ends first is used.
/// </summary>
internal sealed class EndpointPool : IDisposable
{
    private readonly EndpointState[] _endpoints;
    private readonly LoadBalancingPolicy _policy;
    private readonly int _failureThreshold;
    private readonly TimeSpan _coolDown;
    private readonly TimeProvider _time;
    private readonly Lock _gate = new();
    private int _next;

    public EndpointPool(OpenAiCompatibleOptions options, TimeProvider timeProvider)
    {
        _endpoints = options.Endpoints
            .Select((uri, i) => new EndpointState(WithTrailingSlash(uri), i, options.MaxConcurrencyPerEndpoint))
            .ToArray();
        _policy = options.LoadBalancing;
        _failureThreshold = options.FailureThreshold;
        _coolDown = options.CoolDown;
        _time = timeProvider;
    }

    /// <summary>The endpoints' base addresses (with a trailing slash), in configuration order.</summary>
    public IEnumerable<Uri> Addresses => _endpoints.Select(e => e.BaseAddress);

    /// <summary>Chooses an endpoint for one attempt and counts it as outstanding until <see cref="Release"/>.</summary>
    public EndpointState Rent()
    {
        lock (_gate)
        {
            var now = _time.GetUtcNow();
            var start = _next;
            _next = (_next + 1) % _endpoints.Length;
            EndpointState? best = null;
            for (var k = 0; k < _endpoints.Length; k++)
            {
                var e = _endpoints[(start + k) % _endpoints.Length];
                if (e.CoolingUntil > now)
                    continue;
                if (_policy == LoadBalancingPolicy.RoundRobin)
                {
                    best = e;
                    break;
                }
                if (best is null || e.Outstanding < best.Outstanding)
                    best = e;
            }
            best ??= _endpoints.MinBy(e => e.CoolingUntil)!;
            best.Outstanding++;
            best.Attempts++;
            return best;
        }
    }

    /// <summary>Marks that the attempt holds a concurrency slot of <paramref name="endpoint"/>.</summary>
    public void Started(EndpointState endpoint)
    {
        lock (_gate)
        {
            endpoint.InFlight++;
            endpoint.MaxInFlight = Math.Max(endpoint.MaxInFlight, endpoint.InFlight);
        }
    }

    /// <summary>Ends an attempt: <paramref name="started"/> when it held a slot; <paramref name="failed"/> counts toward cool-down.</summary>
    public void Release(EndpointState endpoint, bool started, bool? failed)
    {
        lock (_gate)
        {
            endpoint.Outstanding--;
            if (started)
                endpoint.InFlight--;
            if (failed == true)
            {
                endpoint.Failures++;
                endpoint.ConsecutiveFailures++;
                if (endpoint.ConsecutiveFailures >= _failureThreshold)
                {
                    endpoint.ConsecutiveFailures = 0;
                    endpoint.CoolingUntil = _time.GetUtcNow() + _coolDown;
                    endpoint.TimesCooledDown++;
                }
            }
            else if (failed == false)
            {
                endpoint.ConsecutiveFailures = 0;
            }
        }
    }

    public IReadOnlyList<EndpointStatistics> Snapshot()
    {
        lock (_gate)
        {
            return _endpoints
                .Select(e => new EndpointStatistics(e.BaseAddress, e.Attempts, e.Failures, e.TimesCooledDown, e.MaxInFlight))
                .ToArray();
        }
    }

    public void Dispose()
    {
        foreach (var e in _endpoints)
            e.Dispose();
    }

    private static Uri WithTrailingSlash(Uri uri) =>
        uri.AbsoluteUri.EndsWith('/') ? uri : new Uri(uri.AbsoluteUri + "/");
}
