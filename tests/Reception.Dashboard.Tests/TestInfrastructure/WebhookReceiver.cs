using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;

namespace Reception.Dashboard.Tests.TestInfrastructure;

/// <summary>A real HTTP receiver on a loopback port that answers 500 to its first requests, then 200, and keeps what it got.</summary>
public sealed class WebhookReceiver : IDisposable
{
    private readonly HttpListener _listener = new();
    private readonly int _failFirst;
    private int _count;

    /// <param name="url">Where to listen: the <see cref="FreeUrl"/> of a receiver that was down and comes back, or a free loopback port if null.</param>
    public WebhookReceiver(int failFirst = 0, string? url = null)
    {
        _failFirst = failFirst;
        Url = url ?? FreeUrl();
        _listener.Prefixes.Add(Url);
        _listener.Start();
        _ = Task.Run(ServeAsync);
    }

    public string Url { get; }

    /// <summary>A receiver's address on a loopback port nobody listens on: a receiver that is down.</summary>
    public static string FreeUrl()
    {
        var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        var port = ((IPEndPoint)probe.LocalEndpoint).Port;
        probe.Stop();
        return $"http://127.0.0.1:{port}/hook/";
    }

    public ConcurrentQueue<(HttpStatusCode Answer, string Body, string? IdempotencyKey)> Requests { get; } = new();

    private async Task ServeAsync()
    {
        while (_listener.IsListening)
        {
            HttpListenerContext context;
            try
            {
                context = await _listener.GetContextAsync();
            }
            catch (Exception) when (!_listener.IsListening)
            {
                return;
            }

            using var reader = new StreamReader(context.Request.InputStream);
            var body = await reader.ReadToEndAsync();
            var answer = Interlocked.Increment(ref _count) <= _failFirst ? HttpStatusCode.InternalServerError : HttpStatusCode.OK;
            Requests.Enqueue((answer, body, context.Request.Headers["Idempotency-Key"]));
            context.Response.StatusCode = (int)answer;
            context.Response.Close();
        }
    }

    public void Dispose() => _listener.Close();
}
