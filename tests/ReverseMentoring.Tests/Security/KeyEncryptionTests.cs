using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Microsoft.EntityFrameworkCore;
using ReverseMentoring.Web.Data;

namespace ReverseMentoring.Tests.Security;

public sealed class KeyEncryptionTests
{
    private static async Task<List<string>> StoredKeysAfterSignInAsync(AppFactory app)
    {
        await app.SignedInClientAsync(Roles.Mentor);
        return await app.ExecuteDbContextAsync(db => db.DataProtectionKeys.AsNoTracking().Select(k => k.Xml!).ToListAsync());
    }

    [Fact]
    public async Task With_a_configured_certificate_the_stored_keys_are_encrypted()
    {
        var path = Path.Combine(Path.GetTempPath(), "rm-tests", $"keys-{Guid.NewGuid():N}.pfx");
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        using (var rsa = RSA.Create(2048))
        {
            var request = new CertificateRequest("CN=ReverseMentoring keys", rsa, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
            using var certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddYears(1));
            await File.WriteAllBytesAsync(path, certificate.Export(X509ContentType.Pfx, "pfx-password"));
        }

        try
        {
            using var app = new AppFactory().With("DataProtection:CertificatePath", path).With("DataProtection:CertificatePassword", "pfx-password");

            var keys = await StoredKeysAfterSignInAsync(app);

            Assert.NotEmpty(keys);
            Assert.All(keys, xml => Assert.Contains("<encryptedSecret", xml, StringComparison.Ordinal));
            Assert.All(keys, xml => Assert.DoesNotContain("<masterKey", xml, StringComparison.Ordinal));
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public async Task Without_a_certificate_the_keys_are_stored_as_they_are()
    {
        using var app = new AppFactory();

        var keys = await StoredKeysAfterSignInAsync(app);

        Assert.NotEmpty(keys);
        Assert.All(keys, xml => Assert.Contains("<masterKey", xml, StringComparison.Ordinal));
    }

    [Fact]
    public void A_certificate_path_that_does_not_exist_stops_the_app_at_start_up()
    {
        using var app = new AppFactory().With("DataProtection:CertificatePath", "/nowhere/keys.pfx");

        var failure = Assert.ThrowsAny<Exception>(() => app.Services);

        Assert.Contains("DataProtection:CertificatePath", failure.ToString(), StringComparison.Ordinal);
    }
}
