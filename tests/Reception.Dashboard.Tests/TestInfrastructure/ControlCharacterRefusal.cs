using System.Net;

namespace Reception.Dashboard.Tests.TestInfrastructure;

public static class ControlCharacterRefusal
{
    /// <summary>Asserts a 422 that names each of <paramref name="fields"/> with the control-character refusal (in English).</summary>
    public static async Task AssertControlCharactersRefusedAsync(this HttpResponseMessage response, params string[] fields)
    {
        var errors = (await response.ReadProblemAsync(HttpStatusCode.UnprocessableEntity)).GetProperty("errors");
        Assert.All(fields, field => Assert.Contains("control characters", errors.GetProperty(field)[0].GetString()));
    }
}
