using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using Reception.Dashboard.Client.Contracts;
using Reception.Dashboard.Data;
using Reception.Dashboard.Features.Accounts;
using Reception.Dashboard.Features.Sites;
using Reception.Dashboard.Infrastructure;
using Reception.Dashboard.Realtime;

namespace Reception.Dashboard.Features.Units;

/// <summary>The register of units and the people at them, filled by CSV import.</summary>
public sealed class UnitService(IDbContextFactory<ReceptionDbContext> dbFactory, SiteWriter writer)
{
    public async Task<IReadOnlyList<UnitDto>> ListAsync(ClaimsPrincipal user, Guid siteId, CancellationToken ct)
    {
        Access.Demand(user, siteId, Permission.ViewResidents);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        await db.EnsureSiteExistsAsync(siteId, ct);
        var units = await db.Units.AsNoTracking().Include(u => u.Occupants).Where(u => u.SiteId == siteId).ToListAsync(ct);
        return units.OrderBy(u => u.Building).ThenBy(u => u.Room, StringComparer.Ordinal).Select(u => u.ToDto()).ToList();
    }

    /// <summary>Reads a file and says what an import would do; writes nothing.</summary>
    public ImportPreview Preview(ClaimsPrincipal user, Guid siteId, string csv)
    {
        Access.Demand(user, siteId, Permission.ManageSite);
        return UnitsCsv.Read(csv);
    }

    /// <summary>
    /// Imports the file. With errors in any row nothing is written, unless the caller chose to
    /// import only the valid rows. A person already at a unit is updated, not duplicated.
    /// </summary>
    public async Task<ImportResult> ImportAsync(ClaimsPrincipal user, Guid siteId, string csv, bool validRowsOnly, string? idempotencyKey, CancellationToken ct)
    {
        var actor = Access.Demand(user, siteId, Permission.ManageSite);
        var preview = UnitsCsv.Read(csv);
        if (preview.FileErrors.Count > 0)
        {
            throw RuleViolationException.For("file", string.Join(" ", preview.FileErrors));
        }

        if (preview.InvalidRows > 0 && !validRowsOnly)
        {
            throw new RuleViolationException(preview.Rows.Where(r => r.Errors.Count > 0)
                .ToDictionary(r => $"line {r.Line}", r => r.Errors.ToArray()));
        }

        var rows = preview.Rows.Where(r => r.Errors.Count == 0).ToList();
        return await writer.WriteAsync(siteId, new Command(actor, $"units.import:{siteId}", new { csv, validRowsOnly }, idempotencyKey), async (db, events) =>
        {
            await db.EnsureSiteExistsAsync(siteId, ct);
            var units = await db.Units.Include(u => u.Occupants).Where(u => u.SiteId == siteId).ToListAsync(ct);
            var byKey = units.ToDictionary(u => (u.Building, u.Room));
            int added = 0, updated = 0;
            foreach (var row in rows)
            {
                if (!byKey.TryGetValue((row.Building, row.Room), out var unit))
                {
                    unit = new Unit { Id = Guid.CreateVersion7(), SiteId = siteId, Building = row.Building, Room = row.Room };
                    db.Units.Add(unit);
                    byKey[(row.Building, row.Room)] = unit;
                }

                var kind = UnitsCsv.ParseKind(row.Kind)!.Value;
                var occupant = unit.Occupants.FirstOrDefault(o => o.Name == row.Name);
                if (occupant is null)
                {
                    unit.Occupants.Add(new Occupant { Id = Guid.CreateVersion7(), UnitId = unit.Id, Name = row.Name, Phone = row.Phone, Kind = kind });
                    added++;
                }
                else if (occupant.Phone != row.Phone || occupant.Kind != kind)
                {
                    (occupant.Phone, occupant.Kind) = (row.Phone, kind);
                    updated++;
                }
            }

            if (added + updated > 0)
            {
                events.Add(EventTypes.UnitsImported, new UnitsImported(added, updated));
            }

            return new ImportResult(added, updated, preview.InvalidRows);
        }, ct);
    }

    public async Task<string> ExportAsync(ClaimsPrincipal user, Guid siteId, CancellationToken ct) =>
        UnitsCsv.Write(await ListAsync(user, siteId, ct));
}
