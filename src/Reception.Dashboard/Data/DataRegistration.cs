using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Options;

namespace Reception.Dashboard.Data;

public static class DataRegistration
{
    public static IServiceCollection AddReceptionData(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<DatabaseOptions>().Bind(configuration.GetSection(DatabaseOptions.Section));

        // Services create a short-lived context per operation, so Blazor circuits never share one.
        // Pooled: a new context per operation resolved EF's services each time, under a lock that
        // every concurrent request contended for (issue 16, measured with dotnet-trace).
        services.AddSingleton<AccessChanges>();
        services.AddPooledDbContextFactory<ReceptionDbContext>((sp, options) =>
        {
            var database = sp.GetRequiredService<IOptions<DatabaseOptions>>().Value;
            var connection = new SqliteConnectionStringBuilder { DataSource = database.Path, Pooling = true };
            options.UseSqlite(connection.ToString())
                .AddInterceptors(new SqlitePragmas(database.BusyTimeoutMilliseconds), new AccessChangeInterceptor(sp.GetRequiredService<AccessChanges>()));
        });
        services.AddScoped(sp => sp.GetRequiredService<IDbContextFactory<ReceptionDbContext>>().CreateDbContext());

        services.AddHostedService<DatabaseInitializer>();
        services.AddHealthChecks().AddDbContextCheck<ReceptionDbContext>("database");
        return services;
    }
}
