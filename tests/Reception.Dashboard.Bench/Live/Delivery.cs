using System.Diagnostics;

namespace Reception.Dashboard.Bench.Live;

/// <summary>Counts what every client received of a phase's acknowledged writes, and how long each took to reach it.</summary>
public static class Delivery
{
    /// <param name="seqByName">The server's log: each created post's sequence number, by its name.</param>
    /// <param name="drained">Whether every client caught up within the drain wait.</param>
    public static DeliveryResult Tally(
        string phase,
        IReadOnlyList<Subscriber> clients,
        int writers,
        double? targetRate,
        IReadOnlyList<WriteRecord> writes,
        IReadOnlyDictionary<string, long> seqByName,
        bool drained)
    {
        var acknowledged = writes.Where(w => w.Acknowledged).ToList();
        // An acknowledged write missing from the log gets -1, which no client holds: lost everywhere.
        var seqs = acknowledged.Select(w => seqByName.GetValueOrDefault(w.Name, -1L)).ToArray();
        var toClient = new List<double>(acknowledged.Count * clients.Count);
        long delivered = 0, lost = 0, duplicated = 0, outOfOrder = 0;
        var extraResets = 0;
        foreach (var client in clients)
        {
            var tally = client.Tally(seqs);
            for (var i = 0; i < seqs.Length; i++)
            {
                if (tally.ReceivedAt[i] == 0)
                {
                    lost++;
                    continue;
                }

                delivered++;
                toClient.Add(Stopwatch.GetElapsedTime(acknowledged[i].StartedAt, tally.ReceivedAt[i]).TotalMilliseconds);
            }

            duplicated += tally.Duplicated;
            outOfOrder += tally.OutOfOrder;
            extraResets += tally.ExtraResets;
        }

        var seconds = writes.Count == 0
            ? 0
            : Stopwatch.GetElapsedTime(writes.Min(w => w.StartedAt), writes.Max(w => w.EndedAt)).TotalSeconds;
        var failed = writes.Where(w => !w.Acknowledged).ToList();
        return new DeliveryResult(
            phase,
            clients.Count,
            writers,
            targetRate,
            acknowledged.Count,
            failed.Count,
            failed.FirstOrDefault()?.Error,
            seconds,
            seconds > 0 ? acknowledged.Count / seconds : 0,
            Summary.Of(acknowledged.Select(w => w.Milliseconds)),
            Summary.Of(toClient),
            (long)acknowledged.Count * clients.Count,
            delivered,
            lost,
            duplicated,
            outOfOrder,
            extraResets,
            drained);
    }
}
