using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace Reception.Dashboard.Data;

/// <summary>Everything is stored in UTC; SQLite hands DateTime back unmarked, so mark it on the way out.</summary>
public sealed class UtcDateTimeConverter() : ValueConverter<DateTime, DateTime>(
    v => v.Kind == DateTimeKind.Utc ? v : v.ToUniversalTime(),
    v => DateTime.SpecifyKind(v, DateTimeKind.Utc));
