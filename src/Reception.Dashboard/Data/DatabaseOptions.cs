namespace Reception.Dashboard.Data;

/// <summary>Bound from the "Database" section: appsettings, environment (Database__Path) or command line (--Database:Path).</summary>
public sealed class DatabaseOptions
{
    public const string Section = "Database";

    /// <summary>The SQLite file. Defaults to the user's data folder, never the repository.</summary>
    public string Path { get; set; } = DefaultPath();

    /// <summary>How long a connection waits for another writer before giving up.</summary>
    public int BusyTimeoutMilliseconds { get; set; } = 5000;

    /// <summary>
    /// How long a write waits for its turn at this process's one SQLite writer. Past it the write is
    /// refused with 503 and Retry-After, having written nothing, rather than queueing without bound.
    /// </summary>
    public int WriterWaitMilliseconds { get; set; } = 5000;

    /// <summary>Seed the demo site into an empty database.</summary>
    public bool SeedDemoData { get; set; } = true;

    public static string DefaultPath() => System.IO.Path.Combine(
        Environment.GetFolderPath(Environment.SpecialFolder.LocalApplicationData, Environment.SpecialFolderOption.Create),
        "Reception.Dashboard",
        "reception.db");
}
