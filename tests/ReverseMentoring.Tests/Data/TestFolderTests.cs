using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using ReverseMentoring.Web.Features.Resources;
using ReverseMentoring.Web.Infrastructure;

namespace ReverseMentoring.Tests.Data;

/// <summary>A test run leaves nothing in the web project: every file a test app writes goes under its own temporary folder.</summary>
public sealed class TestFolderTests(AppFactory app) : IClassFixture<AppFactory>
{
    [Fact]
    public void Uploads_mail_and_the_database_of_a_test_app_live_under_its_own_temporary_folder()
    {
        var own = Path.GetDirectoryName(app.DatabasePath)!;
        var uploads = app.Services.GetRequiredService<ResourceFiles>().Folder;
        var mail = app.Services.GetRequiredService<IOptions<MailOptions>>().Value.PickupFolder!;

        Assert.StartsWith(Path.GetTempPath(), own, StringComparison.Ordinal);
        Assert.StartsWith(own, Path.GetFullPath(uploads), StringComparison.Ordinal);
        Assert.StartsWith(own, Path.GetFullPath(mail), StringComparison.Ordinal);
    }
}
