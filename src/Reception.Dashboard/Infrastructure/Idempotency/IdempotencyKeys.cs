using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace Reception.Dashboard.Infrastructure.Idempotency;

/// <summary>What every write that honours <c>Idempotency-Key</c> agrees on: which keys are valid, and what makes two requests the same.</summary>
public static class IdempotencyKeys
{
    /// <summary>The trimmed key, or null when none was sent; a key that is empty or too long is a 422.</summary>
    public static string? ValidOrNull(string? key)
    {
        if (key is null)
        {
            return null;
        }

        key = key.Trim();
        return key.Length is > 0 and <= IdempotencyRecord.KeyMaxLength
            ? key
            : throw RuleViolationException.For("Idempotency-Key", ErrorText.Get("Idempotency.KeyLength", IdempotencyRecord.KeyMaxLength));
    }

    /// <summary>A hash of the operation and its request: the same key with a different request is refused.</summary>
    public static string Fingerprint(string operation, object? request)
    {
        var text = operation + "\n" + JsonSerializer.Serialize(request, ServerJson.Options);
        return Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(text)));
    }

    public static RuleViolationException KeyReused() =>
        RuleViolationException.For("Idempotency-Key", ErrorText.Get("Idempotency.KeyReused"));
}
