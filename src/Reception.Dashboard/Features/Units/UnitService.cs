namespace Reception.Dashboard.Features.Units;

/// <summary>The register of units and the people at them, filled by CSV import.</summary>
public sealed class UnitService(IDbContextFactory<ReceptionDbContext> dbFactory, SiteWriter writer)
{
    public async Task<IReadOnlyList<UnitDto>> ListAsync(SiteCall call)
    {
        call.Demand(Permission.ViewResidents);
        await using var db = await dbFactory.CreateDbContextAsync(call.Cancellation);
        await db.EnsureSiteExistsAsync(call.SiteId, call.Cancellation);
        var units = await db.Units.AsNoTracking().Include(u => u.Occupants).Where(u => u.SiteId == call.SiteId).ToListAsync(call.Cancellation);
        return units.OrderBy(u => u.Building).ThenBy(u => u.Room, StringComparer.Ordinal).Select(u => u.ToDto()).ToList();
    }

    /// <summary>Reads a file and says what an import would do; writes nothing.</summary>
    public ImportPreview Preview(SiteCall call, string csv)
    {
        call.Demand(Permission.ManageSite);
        return UnitsCsv.Read(csv);
    }

    /// <summary>
    /// Imports the file. With errors in any row nothing is written, unless the caller chose to
    /// import only the valid rows. A person already at a unit is updated, not duplicated.
    /// </summary>
    public async Task<ImportResult> ImportAsync(SiteCall call, string csv, bool validRowsOnly)
    {
        var actor = call.Demand(Permission.ManageSite);
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
        return await writer.WriteAsync(call, actor, $"units.import:{call.SiteId}", new { csv, validRowsOnly }, async (db, events) =>
        {
            await db.EnsureSiteExistsAsync(call.SiteId, call.Cancellation);
            var units = await db.Units.Include(u => u.Occupants).Where(u => u.SiteId == call.SiteId).ToListAsync(call.Cancellation);
            var byKey = units.ToDictionary(u => (u.Building, u.Room));
            int added = 0, updated = 0;
            foreach (var row in rows)
            {
                if (!byKey.TryGetValue((row.Building, row.Room), out var unit))
                {
                    unit = new Unit { Id = Guid.CreateVersion7(), SiteId = call.SiteId, Building = row.Building, Room = row.Room };
                    db.Units.Add(unit);
                    byKey[(row.Building, row.Room)] = unit;
                }

                var kind = UnitsCsv.ParseKind(row.Kind)!.Value;
                var occupant = unit.Occupants.FirstOrDefault(o => o.Name == row.Name);
                if (occupant is null)
                {
                    unit.Occupants.Add(Occupant.Create(unit.Id, row.Name, row.Phone, kind));
                    added++;
                }
                else if (occupant.Update(row.Phone, kind))
                {
                    updated++;
                }
            }

            if (added + updated > 0)
            {
                events.Add(EventTypes.UnitsImported, new UnitsImported(added, updated));
            }

            return new ImportResult(added, updated, preview.InvalidRows);
        });
    }

    public async Task<string> ExportAsync(SiteCall call) => UnitsCsv.Write(await ListAsync(call));
}
