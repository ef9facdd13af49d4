using System.Net;
using System.Text;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using ReverseMentoring.Tests.Resources;
using ReverseMentoring.Web.Data;
using ReverseMentoring.Web.Features.Resources;

namespace ReverseMentoring.Tests.Security;

/// <summary>
/// What the resource library tests (Resources/ResourceLibraryTests) do not already prove: where uploads land with the
/// shipped configuration, and that no URL but the checked download reaches them.
/// </summary>
public sealed class UploadStorageTests
{
    [Fact]
    public void With_the_shipped_configuration_uploads_are_stored_outside_the_web_root()
    {
        using var app = new AppFactory();
        var files = app.Services.GetRequiredService<ResourceFiles>();
        var webRoot = Path.GetFullPath(app.Services.GetRequiredService<IWebHostEnvironment>().WebRootPath) + Path.DirectorySeparatorChar;

        var folder = Path.GetFullPath(files.Folder) + Path.DirectorySeparatorChar;

        Assert.False(folder.StartsWith(webRoot, StringComparison.OrdinalIgnoreCase), $"{folder} is inside {webRoot}");
        Assert.False(webRoot.StartsWith(folder, StringComparison.OrdinalIgnoreCase), $"{webRoot} is inside {folder}");
    }

    [Fact]
    public async Task A_stored_file_is_reachable_only_through_the_checked_download()
    {
        using var app = new ResourcesApp();
        var program = await app.ProgramAsync(ProgramStatus.Enrolling);
        var coordinator = await app.CreateUserAsync(Roles.HrCoordinator);
        var content = Encoding.ASCII.GetBytes("%PDF-1.7\n%%EOF\n");
        var id = await app.SendAsync(new AddResource.Command
        {
            ProgramId = program.Id,
            Title = "Stored privately",
            Audience = ResourceAudience.Both,
            File = new FormFile(new MemoryStream(content), 0, content.Length, "Data.File", "private.pdf") { Headers = new HeaderDictionary(), ContentType = "application/pdf" },
        }, AppFactory.PrincipalFor(coordinator, Roles.HrCoordinator));
        var stored = Path.GetFileName(Assert.Single(app.StoredFiles()));
        var client = await app.SignedInClientAsync(coordinator);

        foreach (var guess in new[] { $"/{stored}", $"/uploads/{stored}", $"/App_Data/uploads/{stored}", $"/Resources/{stored}" })
        {
            Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync(new Uri(guess, UriKind.Relative))).StatusCode);
        }

        var download = await client.GetAsync(new Uri($"/Resources/{id}/Download", UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, download.StatusCode);
        Assert.Equal(content, await download.Content.ReadAsByteArrayAsync());
        Assert.Equal(HttpStatusCode.NotFound, (await (await app.SignedInClientAsync(Roles.Mentor)).GetAsync(new Uri($"/Resources/{id}/Download", UriKind.Relative))).StatusCode);
    }
}
