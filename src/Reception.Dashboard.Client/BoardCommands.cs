using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Polly;
using Polly.CircuitBreaker;
using Polly.Retry;
using Polly.Timeout;
using Reception.Dashboard.Client.Contracts;

namespace Reception.Dashboard.Client;

/// <summary>
/// Commands and reads over HTTP, through one Polly pipeline: a retry with jitter on transient
/// failures (no connection, a timeout, 408, 429, 500, 502, 503, 504; a <c>Retry-After</c> answer sets the wait), a
/// circuit breaker that stops calling a server that cannot be reached, and a timeout per attempt. Every call
/// carries one idempotency key on all its attempts, so a retry never writes a record twice.
/// </summary>
public sealed class BoardCommands : IDisposable
{
    private readonly HttpClient _http;
    private readonly ResiliencePipeline<HttpResponseMessage> _pipeline;
    private readonly CircuitBreakerStateProvider _circuit = new();
    private int _retries;

    /// <summary>Creates a client for the server in <paramref name="options"/>.</summary>
    public BoardCommands(BoardClientOptions options)
    {
        _http = new HttpClient(options.NewHandler()) { BaseAddress = options.Root, Timeout = Timeout.InfiniteTimeSpan };
        _http.DefaultRequestHeaders.AcceptLanguage.ParseAdd(options.Language);
        if (options.AccessToken is { } token)
        {
            _http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }

        _pipeline = Build(options);
    }

    /// <summary>The circuit breaker's state: <see cref="CircuitState.Open"/> while the server is left alone after repeated failures.</summary>
    public CircuitState Circuit => _circuit.CircuitState;

    /// <summary>How many attempts were retried so far.</summary>
    public int Retries => Volatile.Read(ref _retries);

    /// <summary>
    /// Sends a command or a read to <paramref name="path"/>, relative to the base address (such as <c>api/sites/{id}/posts</c>), and reads the answer.
    /// Writes carry <paramref name="idempotencyKey"/>, or a new key made once for this call.
    /// </summary>
    /// <exception cref="BoardApiException">The server refused, or still failed after every retry.</exception>
    /// <exception cref="BrokenCircuitException">The server failed repeatedly and is left alone for a moment.</exception>
    /// <exception cref="HttpRequestException">The server could not be reached on any attempt.</exception>
    /// <exception cref="TimeoutRejectedException">The last attempt timed out.</exception>
    public async Task<TResult> SendAsync<TResult>(HttpMethod method, string path, object? body = null, string? idempotencyKey = null, CancellationToken ct = default)
    {
        var key = method == HttpMethod.Get ? null : idempotencyKey ?? Guid.NewGuid().ToString("N");
        var content = body is null ? null : JsonSerializer.SerializeToUtf8Bytes(body, body.GetType(), BoardJson.Options);
        using var response = await _pipeline.ExecuteAsync(async token =>
        {
            // A request message is sent once; every attempt gets its own.
            using var request = new HttpRequestMessage(method, path);
            if (content is not null)
            {
                request.Content = new ByteArrayContent(content);
                request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
            }

            if (key is not null)
            {
                request.Headers.Add("Idempotency-Key", key);
            }

            return await _http.SendAsync(request, HttpCompletionOption.ResponseContentRead, token);
        }, ct);

        if (!response.IsSuccessStatusCode)
        {
            throw new BoardApiException(response.StatusCode, await response.Content.ReadAsStringAsync(ct));
        }

        return response.StatusCode == HttpStatusCode.NoContent
            ? default!
            : (await response.Content.ReadFromJsonAsync<TResult>(BoardJson.Options, ct))!;
    }

    /// <summary>Creates a post at the site.</summary>
    public Task<PostDto> CreatePostAsync(Guid siteId, CreatePost request, string? idempotencyKey = null, CancellationToken ct = default) =>
        SendAsync<PostDto>(HttpMethod.Post, $"api/sites/{siteId}/posts", request, idempotencyKey, ct);

    /// <summary>Raises a lobby incident at the site's front desk.</summary>
    public Task<IncidentDto> RaiseIncidentAsync(Guid siteId, RaiseIncident request, string? idempotencyKey = null, CancellationToken ct = default) =>
        SendAsync<IncidentDto>(HttpMethod.Post, $"api/sites/{siteId}/incidents", request, idempotencyKey, ct);

    /// <summary>The site's board as it stands, with the epoch and sequence number it reflects.</summary>
    public Task<BoardSnapshot> GetSnapshotAsync(Guid siteId, CancellationToken ct = default) =>
        SendAsync<BoardSnapshot>(HttpMethod.Get, $"api/sites/{siteId}/snapshot", ct: ct);

    /// <summary>The site's events after <paramref name="after"/>, in order, at most <paramref name="limit"/>.</summary>
    public Task<EventPage> GetEventsAsync(Guid siteId, long after, int limit = 500, CancellationToken ct = default) =>
        SendAsync<EventPage>(HttpMethod.Get, $"api/sites/{siteId}/events?after={after}&limit={limit}", ct: ct);

    /// <inheritdoc/>
    public void Dispose() => _http.Dispose();

    private ResiliencePipeline<HttpResponseMessage> Build(BoardClientOptions options)
    {
        var transient = new PredicateBuilder<HttpResponseMessage>()
            .Handle<HttpRequestException>()
            .Handle<TimeoutRejectedException>()
            .HandleResult(r => r.StatusCode is HttpStatusCode.RequestTimeout or HttpStatusCode.TooManyRequests
                or HttpStatusCode.InternalServerError or HttpStatusCode.BadGateway or HttpStatusCode.ServiceUnavailable or HttpStatusCode.GatewayTimeout);

        // Only a server that cannot be reached counts towards opening the circuit: one that asks to be
        // called later (busy writers, a rate limit) is up, and one command's 500 says nothing of the others.
        var broken = new PredicateBuilder<HttpResponseMessage>()
            .Handle<HttpRequestException>()
            .Handle<TimeoutRejectedException>()
            .HandleResult(r => r.StatusCode is HttpStatusCode.BadGateway or HttpStatusCode.GatewayTimeout);

        return new ResiliencePipelineBuilder<HttpResponseMessage>()
            .AddRetry(new RetryStrategyOptions<HttpResponseMessage>
            {
                ShouldHandle = transient,
                MaxRetryAttempts = options.CommandRetries,
                Delay = options.CommandRetryDelay,
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                DelayGenerator = args => ValueTask.FromResult(RetryAfter(args.Outcome.Result)),
                OnRetry = args =>
                {
                    Interlocked.Increment(ref _retries);
                    args.Outcome.Result?.Dispose();
                    return default;
                },
            })
            .AddCircuitBreaker(new CircuitBreakerStrategyOptions<HttpResponseMessage>
            {
                ShouldHandle = broken,
                FailureRatio = 0.5,
                MinimumThroughput = 4,
                SamplingDuration = TimeSpan.FromSeconds(10),
                BreakDuration = TimeSpan.FromSeconds(2),
                StateProvider = _circuit,
            })
            .AddTimeout(options.CommandTimeout)
            .Build();
    }

    /// <summary>The server's Retry-After, spread a little so that everyone told "1 s" does not come back at once.</summary>
    private static TimeSpan? RetryAfter(HttpResponseMessage? response) => response?.Headers.RetryAfter?.Delta is { } wait
        ? wait * (1 + Random.Shared.NextDouble() / 2)
        : null;
}
