using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Net.Sockets;
using Microsoft.EntityFrameworkCore;
using Polly.CircuitBreaker;
using Reception.Dashboard.Client;
using Reception.Dashboard.Client.Contracts;
using Reception.Dashboard.Tests.TestInfrastructure;
using Xunit.Abstractions;

namespace Reception.Dashboard.Tests.Api;

/// <summary>
/// Commands under faults, sent by the SDK's <see cref="BoardCommands"/> (and by hand) to the real
/// server: one idempotency key writes once however often it arrives; writers past the SQLite
/// writer's wait are refused with 503 and nothing is lost or doubled, and the SDK's retries get
/// every one through; a server that is down fails fast behind an open circuit.
/// </summary>
public sealed class CommandRetryTests(ITestOutputHelper output)
{
    // Enough writers sent at once to queue at the SQLite writer for far longer than 1 ms: see the 503 test.
    private const int Writers = 64;

    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task SameCommand_ThreeTimesWithOneKey_WritesOneRecord_AndAnswersTheSame()
    {
        using var app = new TestApp(settings: Settings());
        var site = await app.CreateSiteAsync();
        using var commands = new BoardCommands(await OptionsAsync(app, site.Id));
        var request = new CreatePost("East gate", PostKind.Gate, null, 1);

        var answers = new List<PostDto>();
        for (var i = 0; i < 3; i++)
        {
            answers.Add(await commands.CreatePostAsync(site.Id, request, "east-gate-once").WaitAsync(Bound));
        }

        await AssertOnePostAsync(app, site.Id, answers);
    }

    [Fact]
    public async Task SameCommand_ThreeTimesConcurrentlyWithOneKey_WritesOneRecord_AndAnswersTheSame()
    {
        using var app = new TestApp(settings: Settings());
        var site = await app.CreateSiteAsync();
        using var commands = new BoardCommands(await OptionsAsync(app, site.Id));
        var request = new CreatePost("East gate", PostKind.Gate, null, 1);

        var answers = await Task.WhenAll(Enumerable.Range(0, 3).Select(_ => commands.CreatePostAsync(site.Id, request, "east-gate-once"))).WaitAsync(Bound);

        await AssertOnePostAsync(app, site.Id, answers);
    }

    [Fact]
    public async Task LostAnswer_IsRetriedWithTheSameKey_AndWritesOneRecord()
    {
        using var app = new TestApp(settings: Settings());
        var site = await app.CreateSiteAsync();
        var lossy = new FirstAnswerLost();
        using var commands = new BoardCommands(await OptionsAsync(app, site.Id, () => lossy));

        var created = await commands.CreatePostAsync(site.Id, new CreatePost("East gate", PostKind.Gate, null, 1)).WaitAsync(Bound);

        Assert.Equal(HttpStatusCode.Created, lossy.Lost);
        Assert.True(commands.Retries >= 1, "The SDK did not retry the answer it lost");
        var keys = lossy.Keys;
        Assert.True(keys.Count >= 2, $"The server was asked {keys.Count} times");
        Assert.NotNull(keys[0]);
        Assert.All(keys, key => Assert.Equal(keys[0], key));
        Assert.Equal(1, await app.QueryDbAsync(db => db.Posts.CountAsync(p => p.SiteId == site.Id && p.Name == "East gate")));
        Assert.Equal(1, await app.QueryDbAsync(db => db.Events.CountAsync(e => e.SiteId == site.Id && e.Type == EventTypes.PostCreated)));
        // The retry is answered with the first attempt's record, not a second one.
        using var http = app.Http();
        var stored = await (await http.GetAsync($"/api/sites/{site.Id}/posts/{created.Id}")).ReadAsync<PostDto>();
        Assert.Equal(stored, created);
    }

    [Fact]
    public async Task ManyConcurrentWriters_PastTheWritersWait_Answer503WithRetryAfter_AndLoseNothing()
    {
        using var app = new TestApp(settings: Settings(writerWaitMilliseconds: "1"));
        var site = await app.CreateSiteAsync();
        using var http = app.Http();

        // Answers the created post's name, or null for a refusal.
        async Task<string?> WriteAsync(int i)
        {
            var name = $"Gate {i:D2}";
            using var response = await http.SendJsonAsync(HttpMethod.Post, $"/api/sites/{site.Id}/posts", new CreatePost(name, PostKind.Gate, null, i), $"writer-{i}");
            if (response.StatusCode == HttpStatusCode.Created)
            {
                return (await response.ReadAsync<PostDto>(HttpStatusCode.Created)).Name;
            }

            var problem = await response.ReadProblemAsync(HttpStatusCode.ServiceUnavailable);
            Assert.Equal(TimeSpan.FromSeconds(1), response.Headers.RetryAfter?.Delta);
            Assert.False(string.IsNullOrWhiteSpace(problem.GetProperty("detail").GetString()));
            return null;
        }

        // Why 64 makes a refusal certain: a write holds the one SQLite writer for milliseconds (its
        // reads, two SaveChanges and a commit that waits for the disk), while requests sent at once
        // reach it much faster than one a millisecond, even on two cores. So dozens queue behind the
        // first, and all but the few nearest the front wait past 1 ms. None would be refused only if
        // each of the 64 arrived after the one before had finished, which sending them together rules out.
        var answers = await Task.WhenAll(Enumerable.Range(1, Writers).Select(WriteAsync)).WaitAsync(Bound);

        var created = answers.OfType<string>().ToList();
        var refused = answers.Length - created.Count;
        output.WriteLine($"{Writers} writers at once, a 1 ms wait for the writer: {created.Count} created, {refused} refused with 503");
        Assert.True(refused > 0, "No writer waited past 1 ms");

        // Every name is its own writer's, so equal lists mean none lost and none written twice.
        var stored = await app.QueryDbAsync(db => db.Posts.Where(p => p.SiteId == site.Id).Select(p => p.Name).ToListAsync());
        Assert.Equal(created.Order(), stored.Order());
        Assert.Equal(created.Count, await app.QueryDbAsync(db => db.Events.CountAsync(e => e.SiteId == site.Id && e.Type == EventTypes.PostCreated)));
    }

    [Fact]
    public async Task ManyConcurrentWriters_ThroughTheSdk_AllSucceedByRetrying()
    {
        using var app = new TestApp(settings: Settings(writerWaitMilliseconds: "1"));
        var site = await app.CreateSiteAsync();
        var counter = new UnavailableCounter();
        using var commands = new BoardCommands(await OptionsAsync(app, site.Id, () => counter));
        var names = Enumerable.Range(1, Writers).Select(i => $"Gate {i:D2}").ToList();

        var watch = Stopwatch.StartNew();
        var created = await Task.WhenAll(names.Select((name, i) => commands.CreatePostAsync(site.Id, new CreatePost(name, PostKind.Gate, null, i))))
            .WaitAsync(TimeSpan.FromSeconds(60));
        watch.Stop();

        output.WriteLine($"{Writers} writers at once through the SDK, a 1 ms wait for the writer: {counter.Unavailable} answers 503, {commands.Retries} retries, all written in {watch.ElapsedMilliseconds} ms");
        Assert.Equal(names, created.Select(p => p.Name));
        Assert.True(counter.Unavailable > 0, "No writer waited past 1 ms");
        Assert.True(commands.Retries > 0, "The SDK retried nothing");
        var stored = await app.QueryDbAsync(db => db.Posts.Where(p => p.SiteId == site.Id).Select(p => p.Name).ToListAsync());
        Assert.Equal(names.Order(), stored.Order());
        Assert.Equal(Writers, await app.QueryDbAsync(db => db.Events.CountAsync(e => e.SiteId == site.Id && e.Type == EventTypes.PostCreated)));
    }

    [Fact]
    public async Task CommandToAServerThatIsDown_FailsAfterItsRetries_WithTheCircuitOpen()
    {
        using var commands = new BoardCommands(new BoardClientOptions
        {
            BaseAddress = new Uri($"http://127.0.0.1:{ClosedPort()}/"),
            CommandRetries = 2,
            CommandRetryDelay = TimeSpan.FromMilliseconds(10),
        });
        var siteId = Guid.NewGuid();
        Task<PostDto> CreateAsync() => commands.CreatePostAsync(siteId, new CreatePost("East gate", PostKind.Gate, null, 1)).WaitAsync(Bound);
        var watch = Stopwatch.StartNew();

        // Retries spent, the last attempt's failure is thrown: nobody listens. Three refused
        // connections are still below the breaker's minimum throughput of four.
        await Assert.ThrowsAsync<HttpRequestException>(() => CreateAsync());
        Assert.Equal(2, commands.Retries);

        // Refused connections count against the server: the circuit opens, and the retry stops at it.
        for (var call = 0; call < 5 && commands.Circuit != CircuitState.Open; call++)
        {
            var failure = await Record.ExceptionAsync(() => CreateAsync());
            Assert.True(failure is HttpRequestException or BrokenCircuitException, $"Unexpected failure: {failure}");
        }

        Assert.Equal(CircuitState.Open, commands.Circuit);

        // While it is open, a command fails at once without trying the server.
        var retries = commands.Retries;
        await Assert.ThrowsAsync<BrokenCircuitException>(() => CreateAsync());
        Assert.Equal(retries, commands.Retries);
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(10), $"Failing took {watch.Elapsed}");
    }

    // Retrying writers send many requests with one token within a minute.
    private static Dictionary<string, string> Settings(string? writerWaitMilliseconds = null)
    {
        var settings = new Dictionary<string, string> { ["RateLimits:TokenRequestsPerMinute"] = "100000" };
        if (writerWaitMilliseconds is not null)
        {
            settings["Database:WriterWaitMilliseconds"] = writerWaitMilliseconds;
        }

        return settings;
    }

    /// <summary>Options for the SDK acting through an Admin token of the site, as an integration does.</summary>
    private static async Task<BoardClientOptions> OptionsAsync(TestApp app, Guid siteId, Func<HttpMessageHandler>? createHandler = null) =>
        new()
        {
            BaseAddress = app.BaseAddress,
            AccessToken = await PreparedDatabase.CreateAccessTokenAsync(app, siteId),
            CreateHandler = createHandler,
            CommandRetries = 20,
            CommandRetryDelay = TimeSpan.FromMilliseconds(20),
        };

    private static async Task AssertOnePostAsync(TestApp app, Guid siteId, IReadOnlyList<PostDto> answers)
    {
        Assert.Equal(3, answers.Count);
        Assert.All(answers, answer => Assert.Equal(answers[0], answer)); // the same id and version
        Assert.Equal(1, await app.QueryDbAsync(db => db.Posts.CountAsync(p => p.SiteId == siteId)));
        Assert.Equal(1, await app.QueryDbAsync(db => db.Events.CountAsync(e => e.SiteId == siteId && e.Type == EventTypes.PostCreated)));
    }

    /// <summary>A loopback port nobody listens on: a server that is down.</summary>
    private static int ClosedPort()
    {
        var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        var port = ((IPEndPoint)probe.LocalEndpoint).Port;
        probe.Stop();
        return port;
    }

    /// <summary>
    /// Lets the first request reach the server, so that it is written, and then loses the answer on
    /// its way back: the client gets a 500 instead. Later requests pass. Notes every request's idempotency key.
    /// </summary>
    private sealed class FirstAnswerLost() : DelegatingHandler(new SocketsHttpHandler())
    {
        private readonly ConcurrentQueue<string?> _keys = new();
        private int _requests;

        public IReadOnlyList<string?> Keys => [.. _keys];

        /// <summary>The server's status on the answer that was thrown away.</summary>
        public HttpStatusCode? Lost { get; private set; }

        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            _keys.Enqueue(request.Headers.TryGetValues("Idempotency-Key", out var values) ? values.Single() : null);
            var response = await base.SendAsync(request, cancellationToken);
            if (Interlocked.Increment(ref _requests) > 1)
            {
                return response;
            }

            // Read to the end first, so the server has answered in full before the answer is thrown away.
            await response.Content.ReadAsByteArrayAsync(cancellationToken);
            Lost = response.StatusCode;
            response.Dispose();
            return new HttpResponseMessage(HttpStatusCode.InternalServerError) { RequestMessage = request };
        }
    }

    /// <summary>Counts the server's 503 answers as the SDK receives them, retries included.</summary>
    private sealed class UnavailableCounter() : DelegatingHandler(new SocketsHttpHandler())
    {
        private int _unavailable;

        public int Unavailable => Volatile.Read(ref _unavailable);

        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            var response = await base.SendAsync(request, cancellationToken);
            if (response.StatusCode == HttpStatusCode.ServiceUnavailable)
            {
                Interlocked.Increment(ref _unavailable);
            }

            return response;
        }
    }
}
