namespace Reception.Dashboard.Client.Contracts;

/// <summary>Whether a person at a unit owns it or rents it.</summary>
public enum OccupantKind
{
    /// <summary>业主.</summary>
    Owner = 1,
    /// <summary>租户.</summary>
    Tenant,
}

/// <summary>A unit (building and room) and the people at it. Holds personal data: admin and desk pages only.</summary>
public sealed record UnitDto(Guid Id, Guid SiteId, string Building, string Room, IReadOnlyList<OccupantDto> Occupants);

/// <summary>An owner or tenant of a unit, with contact details.</summary>
public sealed record OccupantDto(Guid Id, string Name, string? Phone, OccupantKind Kind);

/// <summary>One row of an import file as read, with what is wrong with it (nothing if <paramref name="Errors"/> is empty).</summary>
public sealed record ImportRow(int Line, string Building, string Room, string Name, string? Phone, string Kind, IReadOnlyList<string> Errors);

/// <summary>What an import file holds: its rows, and errors that concern the whole file (a missing column, say).</summary>
public sealed record ImportPreview(IReadOnlyList<ImportRow> Rows, IReadOnlyList<string> FileErrors)
{
    /// <summary>Rows that can be imported.</summary>
    public int ValidRows => Rows.Count(r => r.Errors.Count == 0);

    /// <summary>Rows that cannot.</summary>
    public int InvalidRows => Rows.Count - ValidRows;
}

/// <summary>What an import did.</summary>
public sealed record ImportResult(int Added, int Updated, int Skipped);

/// <summary>Units and their people were imported; read them through the API.</summary>
public sealed record UnitsImported(int Added, int Updated);
