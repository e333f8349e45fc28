using Microsoft.AspNetCore.SignalR;

namespace Reception.Dashboard.Realtime;

public static class RealtimeRegistration
{
    public static IServiceCollection AddRealtime(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<RealtimeOptions>().Bind(configuration.GetSection(RealtimeOptions.Section));
        services.AddSignalR(o => o.AddFilter<DomainErrorHubFilter>())
            .AddJsonProtocol(o => ServerJson.Configure(o.PayloadSerializerOptions));

        services.AddSingleton<HubConnections>();
        services.AddSingleton<SiteWriter>();
        services.AddSingleton<EventQueries>();
        services.AddSingleton<EventPublisher>();
        services.AddHostedService(sp => sp.GetRequiredService<EventPublisher>());
        services.AddHostedService<HeartbeatService>();
        return services;
    }
}
