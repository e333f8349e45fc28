using System.Net;
using System.Net.Sockets;

namespace Reception.Dashboard.Tests.TestInfrastructure;

/// <summary>
/// A loopback TCP forwarder in front of a port, which the test can cut: every open connection is
/// reset, and new ones are accepted and reset at once, until it heals. It knows nothing of HTTP.
/// </summary>
public sealed class TcpProxy : IDisposable
{
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly int _targetPort;
    private readonly CancellationTokenSource _closing = new();
    private readonly Lock _lock = new();
    private readonly HashSet<Socket> _open = [];
    private bool _cut;

    public TcpProxy(int targetPort)
    {
        _targetPort = targetPort;
        _listener.Start();
        BaseAddress = new Uri($"http://127.0.0.1:{((IPEndPoint)_listener.LocalEndpoint).Port}/");
        _ = Task.Run(AcceptAsync);
    }

    /// <summary>The proxy's address: give it to the client instead of the server's.</summary>
    public Uri BaseAddress { get; }

    /// <summary>Resets every open connection, and every new one until <see cref="Heal"/>.</summary>
    public void Cut()
    {
        Socket[] open;
        lock (_lock)
        {
            _cut = true;
            open = [.. _open];
            _open.Clear();
        }

        foreach (var socket in open)
        {
            Abort(socket);
        }
    }

    /// <summary>Forwards new connections again.</summary>
    public void Heal()
    {
        lock (_lock)
        {
            _cut = false;
        }
    }

    public void Dispose()
    {
        _closing.Cancel();
        _listener.Stop();
        Cut();
    }

    private async Task AcceptAsync()
    {
        while (true)
        {
            Socket client;
            try
            {
                client = await _listener.AcceptSocketAsync(_closing.Token);
            }
            catch (Exception) when (_closing.IsCancellationRequested)
            {
                return;
            }

            _ = Task.Run(() => ForwardAsync(client));
        }
    }

    private async Task ForwardAsync(Socket client)
    {
        using var server = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        try
        {
            // Registered before connecting, so a cut from here on resets this pair too.
            if (!Register(client) || !Register(server))
            {
                Abort(client);
                return;
            }

            await server.ConnectAsync(IPAddress.Loopback, _targetPort, _closing.Token);
            await Task.WhenAll(PumpAsync(client, server), PumpAsync(server, client));
        }
        catch (Exception e) when (e is SocketException or IOException or ObjectDisposedException or OperationCanceledException)
        {
            // The target refused, or the proxy is closing.
        }
        finally
        {
            lock (_lock)
            {
                _open.Remove(client);
                _open.Remove(server);
            }

            client.Dispose();
        }
    }

    /// <summary>Tracks an open socket; false while cut, so the connection is refused.</summary>
    private bool Register(Socket socket)
    {
        lock (_lock)
        {
            return !_cut && !_closing.IsCancellationRequested && _open.Add(socket);
        }
    }

    /// <summary>Copies one direction; an end passes on as an end (FIN), a reset as a reset of both sides.</summary>
    private async Task PumpAsync(Socket from, Socket to)
    {
        try
        {
            await using var reading = new NetworkStream(from, ownsSocket: false);
            await using var writing = new NetworkStream(to, ownsSocket: false);
            await reading.CopyToAsync(writing, _closing.Token);
            to.Shutdown(SocketShutdown.Send);
        }
        catch (Exception e) when (e is SocketException or IOException or ObjectDisposedException or OperationCanceledException)
        {
            Abort(from);
            Abort(to);
        }
    }

    /// <summary>Closes with a reset (RST), as a dropped link or a crashed peer looks to the other end.</summary>
    private static void Abort(Socket socket)
    {
        try
        {
            socket.LingerState = new LingerOption(true, 0);
        }
        catch (Exception e) when (e is SocketException or ObjectDisposedException)
        {
            // Already closed.
        }

        socket.Dispose();
    }
}
