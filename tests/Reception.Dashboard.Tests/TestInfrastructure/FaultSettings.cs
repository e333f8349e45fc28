using System.Globalization;

namespace Reception.Dashboard.Tests.TestInfrastructure;

/// <summary>The knobs of the live-path fault tests.</summary>
public static class FaultSettings
{
    public const string CutSecondsVariable = "RECEPTION_FAULT_CUT_SECONDS";

    /// <summary>
    /// How long a client's connection stays cut: 3 s by default, so CI stays quick; set
    /// RECEPTION_FAULT_CUT_SECONDS=60 to prove a minute-long outage.
    /// </summary>
    public static TimeSpan CutLength =>
        double.TryParse(Environment.GetEnvironmentVariable(CutSecondsVariable), NumberStyles.Float, CultureInfo.InvariantCulture, out var seconds) && seconds > 0
            ? TimeSpan.FromSeconds(seconds)
            : TimeSpan.FromSeconds(3);
}
