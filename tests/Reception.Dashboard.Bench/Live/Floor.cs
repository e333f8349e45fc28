using System.Diagnostics;
using System.Globalization;
using System.Net.WebSockets;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging;
using Reception.Dashboard.Client;
using Reception.Dashboard.Client.Contracts;

namespace Reception.Dashboard.Bench.Live;

/// <summary>
/// The machine's floor, measured in the same run as the load: one SQLite commit of one event row
/// with the server's settings, and one loopback WebSocket round trip of one board event. Nothing
/// the server does per write or per push can be cheaper than these.
/// </summary>
public static class Floor
{
    private const int Samples = 2000;
    private const int WarmUp = 100;

    public static async Task<FloorResult> MeasureAsync(string folder, CancellationToken ct)
    {
        var sample = SampleEvent();
        var (commit, settings) = SqliteCommits(Path.Combine(folder, "floor.db"), sample);
        var (roundTrip, bytes) = await WebSocketRoundTripsAsync(sample, ct);
        return new FloorResult(commit, settings, roundTrip, bytes);
    }

    /// <summary>A post created by a token, as the benchmark's writes make them.</summary>
    private static BoardEvent SampleEvent()
    {
        var siteId = Guid.NewGuid();
        var data = new PostChanged(Guid.NewGuid(), "live 0001234", PostKind.Gate, null, 234, false, 1);
        return new BoardEvent(1234, Guid.NewGuid(), siteId, null, EventTypes.PostCreated, DateTime.UtcNow,
            new Actor("token", Guid.NewGuid().ToString(), "Admin"), JsonSerializer.SerializeToElement(data, BoardJson.Options));
    }

    /// <summary>
    /// Single-row transactions into a table shaped like the server's Events, on a fresh file with
    /// the server's settings: WAL (DatabaseInitializer), busy_timeout and foreign keys on every open
    /// (SqlitePragmas), synchronous left at its default as the server leaves it, BEGIN IMMEDIATE as
    /// its writes begin.
    /// </summary>
    private static (Summary Commit, string Settings) SqliteCommits(string path, BoardEvent sample)
    {
        // One connection held open for the whole measure, so pooling plays no part.
        var connectionString = new SqliteConnectionStringBuilder { DataSource = path, Pooling = false }.ToString();
        try
        {
            using var connection = new SqliteConnection(connectionString);
            connection.Open();
            Execute(connection, "PRAGMA journal_mode = WAL; PRAGMA busy_timeout = 5000; PRAGMA foreign_keys = ON;");
            Execute(connection, """
                CREATE TABLE "Events" (
                    "SiteId" TEXT NOT NULL, "Seq" INTEGER NOT NULL, "VisitId" TEXT NULL, "Type" TEXT NOT NULL,
                    "At" TEXT NOT NULL, "Data" TEXT NOT NULL, "ActorKind" TEXT NULL, "ActorId" TEXT NULL, "ActorRole" TEXT NULL,
                    CONSTRAINT "PK_Events" PRIMARY KEY ("SiteId", "Seq"));
                """);
            var settings = $"journal_mode={Scalar(connection, "PRAGMA journal_mode;")}, synchronous={SynchronousName(Scalar(connection, "PRAGMA synchronous;"))}";

            using var insert = connection.CreateCommand();
            insert.CommandText = """
                INSERT INTO "Events" ("SiteId", "Seq", "VisitId", "Type", "At", "Data", "ActorKind", "ActorId", "ActorRole")
                VALUES ($site, $seq, NULL, $type, $at, $data, $actorKind, $actorId, $actorRole);
                """;
            insert.Parameters.AddWithValue("$site", sample.SiteId.ToString().ToUpperInvariant());
            var seq = insert.Parameters.AddWithValue("$seq", 0L);
            insert.Parameters.AddWithValue("$type", sample.Type);
            insert.Parameters.AddWithValue("$at", sample.At.ToString("yyyy-MM-dd HH:mm:ss.FFFFFFF", CultureInfo.InvariantCulture));
            insert.Parameters.AddWithValue("$data", sample.Data.GetRawText());
            insert.Parameters.AddWithValue("$actorKind", sample.Actor!.Kind);
            insert.Parameters.AddWithValue("$actorId", sample.Actor.Id);
            insert.Parameters.AddWithValue("$actorRole", (object?)sample.Actor.Role ?? DBNull.Value);

            var times = new List<double>(Samples);
            for (var i = -WarmUp; i < Samples; i++)
            {
                var started = Stopwatch.GetTimestamp();
                using (var transaction = connection.BeginTransaction(deferred: false))
                {
                    insert.Transaction = transaction;
                    seq.Value = (long)i + WarmUp + 1;
                    insert.ExecuteNonQuery();
                    transaction.Commit();
                }

                if (i >= 0)
                {
                    times.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
                }
            }

            return (Summary.Of(times), settings);
        }
        finally
        {
            foreach (var file in new[] { path, path + "-wal", path + "-shm" })
            {
                File.Delete(file);
            }
        }
    }

    /// <summary>An echo server on Kestrel and one client: each round trip sends the event as the hub frames it and waits for it back.</summary>
    private static async Task<(Summary RoundTrip, int Bytes)> WebSocketRoundTripsAsync(BoardEvent sample, CancellationToken ct)
    {
        // The JSON hub protocol's frame for a pushed event, record separator included.
        var payload = Encoding.UTF8.GetBytes(
            JsonSerializer.Serialize(new { type = 1, target = nameof(IBoardClient.ReceiveEvent), arguments = new object[] { sample } }, BoardJson.Options) + "\u001e");

        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        await using var app = builder.Build();
        app.UseWebSockets();
        app.Map("/echo", (RequestDelegate)EchoAsync);
        await app.StartAsync(ct);
        try
        {
            using var socket = new ClientWebSocket();
            await socket.ConnectAsync(new Uri($"ws://{new Uri(app.Urls.First()).Authority}/echo"), ct);
            var buffer = new byte[64 * 1024];
            var times = new List<double>(Samples);
            for (var i = -WarmUp; i < Samples; i++)
            {
                var started = Stopwatch.GetTimestamp();
                await socket.SendAsync(new ReadOnlyMemory<byte>(payload), WebSocketMessageType.Text, endOfMessage: true, ct);
                ValueWebSocketReceiveResult received;
                do
                {
                    received = await socket.ReceiveAsync(buffer.AsMemory(), ct);
                }
                while (!received.EndOfMessage);

                if (i >= 0)
                {
                    times.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
                }
            }

            await socket.CloseAsync(WebSocketCloseStatus.NormalClosure, null, ct);
            return (Summary.Of(times), payload.Length);
        }
        finally
        {
            await app.StopAsync(CancellationToken.None);
        }
    }

    private static async Task EchoAsync(HttpContext context)
    {
        using var socket = await context.WebSockets.AcceptWebSocketAsync();
        var buffer = new byte[64 * 1024];
        while (true)
        {
            var received = await socket.ReceiveAsync(buffer.AsMemory(), context.RequestAborted);
            if (received.MessageType == WebSocketMessageType.Close)
            {
                await socket.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, null, context.RequestAborted);
                return;
            }

            await socket.SendAsync(buffer.AsMemory(0, received.Count), received.MessageType, received.EndOfMessage, context.RequestAborted);
        }
    }

    private static void Execute(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }

    private static string Scalar(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        return Convert.ToString(command.ExecuteScalar(), CultureInfo.InvariantCulture) ?? "";
    }

    private static string SynchronousName(string level) => level switch
    {
        "0" => "OFF",
        "1" => "NORMAL",
        "2" => "FULL",
        "3" => "EXTRA",
        _ => level,
    };
}
