using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Options;

namespace Reception.Dashboard.Data;

public static class DataRegistration
{
    public static IServiceCollection AddReceptionData(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<DatabaseOptions>().Bind(configuration.GetSection(DatabaseOptions.Section));

        // Services create a short-lived context per operation, so Blazor circuits never share one.
        services.AddDbContextFactory<ReceptionDbContext>((sp, options) =>
        {
            var database = sp.GetRequiredService<IOptions<DatabaseOptions>>().Value;
            var connection = new SqliteConnectionStringBuilder { DataSource = database.Path, Pooling = true };
            options.UseSqlite(connection.ToString())
                .AddInterceptors(new SqlitePragmas(database.BusyTimeoutMilliseconds));
        });

        services.AddHostedService<DatabaseInitializer>();
        services.AddHealthChecks().AddDbContextCheck<ReceptionDbContext>("database");
        return services;
    }
}
