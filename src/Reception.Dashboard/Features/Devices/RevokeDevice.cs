namespace Reception.Dashboard.Features.Devices;

/// <summary>
/// A phone or screen stops working. Its cookie is refused from the next request; its hub
/// connections close once the write commits; its open pages leave when they hear
/// <see cref="EventTypes.DeviceRevoked"/> on the stream.
/// </summary>
public sealed class RevokeDevice(SiteWriter writer, HubConnections connections, TimeProvider clock)
{
    public Task<DeviceDto> RevokeAsync(SiteCall call, Guid deviceId)
    {
        var actor = call.Demand(Permission.ManagePhones);
        return writer.WriteAsync(call, actor, $"devices.revoke:{deviceId}", null, async (db, events) =>
        {
            var device = await db.Devices.SingleOrDefaultAsync(d => d.SiteId == call.SiteId && d.Id == deviceId, call.Cancellation);
            // Screens are for those who may pair them; to anyone else a screen's id is unknown.
            if (device is null || (device.Kind == DeviceKind.WallScreen && !Access.Allows(call.User, call.SiteId, Permission.ManageScreens)))
            {
                throw new NotFoundException(DeviceText.Get("Entity.Device"), deviceId);
            }

            if (device.Revoke(clock.GetUtcNow().UtcDateTime))
            {
                events.Add(EventTypes.DeviceRevoked, device.ToEvent());
                events.AfterCommit(() => connections.AbortAll(device.Id));
            }

            return device.ToDto();
        });
    }
}
