using System.Text.Json;

namespace Reception.Dashboard.Infrastructure.Idempotency;

/// <summary>
/// Idempotency for the writes that have no site and so no <see cref="Realtime.SiteWriter"/>
/// transaction: accounts and tokens, written through Identity's own store. The key is claimed in a
/// row of its own before the work, so two requests with one key never both run; the work's answer
/// is stored afterwards without its secret (a password or token is shown once, never kept in clear).
/// A failed write gives its key back, so the retry can do it.
/// </summary>
public sealed class IdempotencyLedger(IDbContextFactory<ReceptionDbContext> dbFactory, TimeProvider clock)
{
    // The stored answer of a claimed key whose work has not finished.
    private const string InProgress = "";

    /// <summary>
    /// Runs <paramref name="work"/> once per caller and key. A repeat answers the first result as
    /// <paramref name="withoutSecret"/> made it; without a key the work simply runs.
    /// </summary>
    public async Task<T> RunAsync<T>(
        string scope,
        string operation,
        object? request,
        string? idempotencyKey,
        Func<Task<T>> work,
        Func<T, T>? withoutSecret,
        CancellationToken ct)
    {
        var key = IdempotencyKeys.ValidOrNull(idempotencyKey);
        if (key is null)
        {
            return await work();
        }

        var fingerprint = IdempotencyKeys.Fingerprint(operation, request);
        if (await ClaimAsync(scope, key, fingerprint, ct) is { } earlier)
        {
            return Repeat<T>(earlier, fingerprint);
        }

        T result;
        try
        {
            result = await work();
        }
        catch
        {
            await using var db = await dbFactory.CreateDbContextAsync(CancellationToken.None);
            await db.IdempotencyRecords.Where(r => r.Scope == scope && r.Key == key).ExecuteDeleteAsync(CancellationToken.None);
            throw;
        }

        var stored = JsonSerializer.Serialize(withoutSecret is null ? result : withoutSecret(result), ServerJson.Options);
        await using (var db = await dbFactory.CreateDbContextAsync(CancellationToken.None))
        {
            // The work is done: its answer is kept even if the caller has gone.
            await db.IdempotencyRecords.Where(r => r.Scope == scope && r.Key == key)
                .ExecuteUpdateAsync(r => r.SetProperty(x => x.Result, stored), CancellationToken.None);
        }

        return result;
    }

    /// <summary>Claims the key, or answers the record that holds it already.</summary>
    private async Task<IdempotencyRecord?> ClaimAsync(string scope, string key, string fingerprint, CancellationToken ct)
    {
        // A concurrent request may claim the key between the look and the insert, and give it back
        // (its work failed) before the second look: then this one claims it again.
        for (var attempt = 0; ; attempt++)
        {
            await using var db = await dbFactory.CreateDbContextAsync(ct);
            var earlier = await db.IdempotencyRecords.AsNoTracking().SingleOrDefaultAsync(r => r.Scope == scope && r.Key == key, ct);
            if (earlier is not null)
            {
                return earlier;
            }

            db.IdempotencyRecords.Add(new IdempotencyRecord
            {
                Scope = scope, Key = key, Fingerprint = fingerprint, Result = InProgress, CreatedAt = clock.GetUtcNow().UtcDateTime,
            });
            try
            {
                await db.SaveChangesAsync(ct);
                return null;
            }
            catch (DbUpdateException) when (attempt < 3)
            {
                // Someone else holds the key now; the next look finds their record.
            }
        }
    }

    private static T Repeat<T>(IdempotencyRecord earlier, string fingerprint)
    {
        if (earlier.Fingerprint != fingerprint)
        {
            throw IdempotencyKeys.KeyReused();
        }

        return earlier.Result == InProgress
            ? throw new ConflictException(ErrorText.Get("Idempotency.InProgress"))
            : JsonSerializer.Deserialize<T>(earlier.Result, ServerJson.Options)!;
    }
}
