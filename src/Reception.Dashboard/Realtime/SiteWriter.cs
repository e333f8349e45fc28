using System.Text.Json;
using Microsoft.Extensions.Options;
using Reception.Dashboard.Infrastructure.Idempotency;

namespace Reception.Dashboard.Realtime;

/// <summary>What a service was asked to do and by whom: the operation, its request, the caller's idempotency key if any.</summary>
public readonly record struct Command(Actor Actor, string Operation, object? Request, string? IdempotencyKey);

/// <summary>
/// The one way state changes. A command's changes, its events and its idempotency record are
/// written in one transaction; its events get the site's next sequence numbers from the counter
/// row; after commit the site's publisher is woken. A rolled-back command leaves no trace.
/// </summary>
public sealed class SiteWriter(
    IDbContextFactory<ReceptionDbContext> dbFactory,
    EventPublisher publisher,
    IOptions<DatabaseOptions> options,
    TimeProvider clock)
{
    private readonly TimeSpan _writerWait = TimeSpan.FromMilliseconds(options.Value.WriterWaitMilliseconds);

    // SQLite has one writer at a time. Queueing here, asynchronously, keeps waiting writers off
    // the thread pool; the database's busy_timeout then only matters for other processes.
    private readonly SemaphoreSlim _sqliteWriter = new(1, 1);

    public async Task<T> WriteAsync<T>(
        Guid siteId,
        Command command,
        Func<ReceptionDbContext, EventBatch, Task<T>> work,
        CancellationToken ct)
    {
        var key = IdempotencyKeys.ValidOrNull(command.IdempotencyKey);
        var fingerprint = key is null ? null : IdempotencyKeys.Fingerprint(command.Operation, command.Request);

        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var gate = db.Database.IsSqlite() ? _sqliteWriter : null;
        if (gate is not null && !await gate.WaitAsync(_writerWait, ct))
        {
            throw new WritersBusyException();
        }

        try
        {
            return await WriteInTransactionAsync(db, siteId, command.Actor, key, fingerprint, work, ct);
        }
        finally
        {
            gate?.Release();
        }
    }

    /// <summary>Writes for a <see cref="SiteCall"/>: its site, its idempotency key, its cancellation.</summary>
    public Task<T> WriteAsync<T>(
        SiteCall call,
        Actor actor,
        string operation,
        object? request,
        Func<ReceptionDbContext, EventBatch, Task<T>> work) =>
        WriteAsync(call.SiteId, call.ToCommand(actor, operation, request), work, call.Cancellation);

    private async Task<T> WriteInTransactionAsync<T>(
        ReceptionDbContext db,
        Guid siteId,
        Actor actor,
        string? key,
        string? fingerprint,
        Func<ReceptionDbContext, EventBatch, Task<T>> work,
        CancellationToken ct)
    {
        // On SQLite this is BEGIN IMMEDIATE: the write lock is taken up front, so a transaction
        // never fails half-way when it turns from reading to writing.
        await using var transaction = await db.Database.BeginTransactionAsync(ct);

        var scope = Scope(actor);
        if (key is not null)
        {
            var earlier = await db.IdempotencyRecords.AsNoTracking()
                .SingleOrDefaultAsync(r => r.Scope == scope && r.Key == key, ct);
            if (earlier is not null)
            {
                return earlier.Fingerprint == fingerprint
                    ? JsonSerializer.Deserialize<T>(earlier.Result, ServerJson.Options)!
                    : throw IdempotencyKeys.KeyReused();
            }
        }

        var events = new EventBatch();
        var result = await work(db, events);

        // The command's changes, its events and its idempotency record go in one SaveChanges: a
        // second one cost about a fifth of a write (issue 16, dotnet-trace). A refusal of the changes
        // still rolls the whole transaction back, numbers included. Only a new site's counter row
        // must be stored first, for its first numbers to be drawn from it.
        if (db.ChangeTracker.Entries<SiteStream>().Any(e => e.State == EntityState.Added))
        {
            await db.SaveChangesAsync(ct);
        }

        var now = clock.GetUtcNow().UtcDateTime;
        if (events.Events.Count > 0)
        {
            var last = await AllocateAsync(db, siteId, events.Events.Count, ct);
            var seq = last - events.Events.Count;
            foreach (var (type, visitId, data) in events.Events)
            {
                db.Events.Add(new StoredEvent
                {
                    SiteId = siteId, Seq = ++seq, VisitId = visitId, Type = type, At = now, Data = data,
                    ActorKind = actor.Kind, ActorId = actor.Id, ActorRole = actor.Role,
                });
            }
        }

        if (key is not null)
        {
            db.IdempotencyRecords.Add(new IdempotencyRecord
            {
                Scope = scope,
                Key = key,
                Fingerprint = fingerprint!,
                Result = JsonSerializer.Serialize(result, ServerJson.Options),
                CreatedAt = now,
            });
        }

        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);

        if (events.Events.Count > 0)
        {
            publisher.Notify(siteId);
        }

        foreach (var action in events.AfterCommitActions)
        {
            action();
        }

        return result;
    }

    /// <summary>Raises the site's counter by <paramref name="count"/> and returns the new last sequence number.</summary>
    private static async Task<long> AllocateAsync(ReceptionDbContext db, Guid siteId, int count, CancellationToken ct)
    {
        var rows = await db.Database.SqlQuery<long>($"""
            UPDATE "SiteStreams" SET "LastSeq" = "LastSeq" + {count}
            WHERE "SiteId" = {siteId}
            RETURNING "LastSeq" AS "Value"
            """).ToListAsync(ct);
        return rows.Count == 1 ? rows[0] : throw NotFoundException.Site(siteId);
    }

    private static string Scope(Actor actor) => $"{actor.Kind}:{actor.Id}";
}
