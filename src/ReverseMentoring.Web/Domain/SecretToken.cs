using System.Security.Cryptography;
using System.Text;

namespace ReverseMentoring.Web.Domain;

/// <summary>
/// The secrets the app hands out in links and headers (invitation links, calendar feed addresses, provisioning tokens):
/// random, URL-safe, and kept only as a SHA-256 hash, so a leaked database opens nothing.
/// </summary>
public static class SecretToken
{
    /// <summary><paramref name="bytes"/> random bytes as URL-safe base64 without padding.</summary>
    public static string New(int bytes) =>
        Convert.ToBase64String(RandomNumberGenerator.GetBytes(bytes)).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    /// <summary>The SHA-256 of the token as lower-case hex: what is stored and looked up.</summary>
    public static string HashOf(string token) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(token)));
}
