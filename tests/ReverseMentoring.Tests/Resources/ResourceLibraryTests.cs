using System.Net;
using System.Text;
using Microsoft.AspNetCore.Http;
using Microsoft.EntityFrameworkCore;
using ReverseMentoring.Web.Data;
using ReverseMentoring.Web.Features.CheckIns;
using ReverseMentoring.Web.Features.Enrolments;
using ReverseMentoring.Web.Features.Pairing;
using ReverseMentoring.Web.Features.Pairs;
using ReverseMentoring.Web.Features.Resources;
using ReverseMentoring.Web.Features.Sessions;
using ReverseMentoring.Web.Infrastructure;

namespace ReverseMentoring.Tests.Resources;

public sealed class ResourceLibraryTests(ResourcesApp app) : IClassFixture<ResourcesApp>
{
    private static readonly byte[] PdfBytes = Encoding.ASCII.GetBytes("%PDF-1.7\n1 0 obj\n<<>>\nendobj\n%%EOF\n");
    private static readonly byte[] PngBytes = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 13];
    private static readonly byte[] DocxBytes = [0x50, 0x4B, 0x03, 0x04, 20, 0, 6, 0];

    private static Dictionary<string, string> Form(string title = "Mentoring upward", ResourceAudience audience = ResourceAudience.Both, string url = "") => new()
    {
        ["Data.Title"] = title,
        ["Data.Description"] = "How to teach someone senior to you.",
        ["Data.Audience"] = audience.ToString(),
        ["Data.Url"] = url,
    };

    private static FormFile File(string name, byte[] content) =>
        new(new MemoryStream(content), 0, content.Length, "Data.File", name) { Headers = new HeaderDictionary(), ContentType = "application/octet-stream" };

    private Task<List<Resource>> ResourcesOf(int programId) =>
        app.ExecuteDbContextAsync(db => db.Resources.AsNoTracking().Where(r => r.ProgramId == programId).ToListAsync());

    private async Task<Resource> AddFileAsync(int programId, ResourceAudience audience, string name = "guide.pdf", byte[]? content = null)
    {
        var id = await app.SendAsync(new AddResource.Command
        {
            ProgramId = programId,
            Title = $"Guide {name}",
            Audience = audience,
            File = File(name, content ?? PdfBytes),
        }, (await app.PersonAsync(Roles.HrCoordinator)).As);
        return await app.ExecuteDbContextAsync(db => db.Resources.AsNoTracking().SingleAsync(r => r.Id == id));
    }

    [Fact]
    public async Task HR_uploads_a_file_which_is_stored_outside_wwwroot_under_a_random_name()
    {
        var program = await app.ProgramAsync(ProgramStatus.Enrolling);
        var client = await app.SignedInClientAsync(Roles.HrCoordinator);
        var url = $"/Programs/{program.Id}/Resources";

        var response = await client.PostMultipartAsync(url, Form(audience: ResourceAudience.Mentors), "Data.File", "Active listening.pdf", PdfBytes);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var resource = Assert.Single(await ResourcesOf(program.Id));
        Assert.Equal(("Mentoring upward", ResourceAudience.Mentors, "Active listening.pdf", "application/pdf", (long?)PdfBytes.Length, (string?)null),
            (resource.Title, resource.Audience, resource.FileName, resource.ContentType, resource.SizeBytes, resource.Url));
        Assert.Matches("^[0-9a-f]{32}\\.pdf$", resource.StoredFileName);
        Assert.Equal(PdfBytes, await System.IO.File.ReadAllBytesAsync(Path.Combine(app.UploadFolder, resource.StoredFileName!)));
        var html = await client.GetHtmlAsync(url);
        Assert.Contains("Active listening.pdf", html, StringComparison.Ordinal);
        Assert.Contains("\"Mentoring upward\" was added.", WebUtility.HtmlDecode(html), StringComparison.Ordinal);
    }

    [Fact]
    public async Task HR_adds_a_link()
    {
        var program = await app.ProgramAsync(ProgramStatus.Enrolling);

        await app.SendAsync(new AddResource.Command { ProgramId = program.Id, Title = "Feedback guide", Url = " https://example.com/feedback " }, (await app.PersonAsync(Roles.HrCoordinator)).As);

        var resource = Assert.Single(await ResourcesOf(program.Id));
        Assert.Equal(("https://example.com/feedback", (string?)null), (resource.Url, resource.StoredFileName));
    }

    public static TheoryData<string, byte[], string> BadFiles => new()
    {
        { "huge.pdf", [.. Encoding.ASCII.GetBytes("%PDF-"), .. new byte[ResourcesApp.MaxFileBytes]], "The file is 4 KB; files may be at most 4 KB. Upload a smaller file or add a link to it instead." },
        { "setup.exe", [0x4D, 0x5A, 0x90], "Files of type .exe cannot be added. Upload a PDF, Word (.docx), PowerPoint (.pptx), Excel (.xlsx), PNG or JPEG image, or text (.txt, .md) file." },
        { "page.html", Encoding.UTF8.GetBytes("<script>alert(1)</script>"), "Files of type .html cannot be added. Upload a PDF, Word (.docx), PowerPoint (.pptx), Excel (.xlsx), PNG or JPEG image, or text (.txt, .md) file." },
        { "fake.pdf", Encoding.UTF8.GetBytes("<html>not a pdf</html>"), "The file's name ends in .pdf but its content is not a PDF file. Upload the original file." },
        { "fake.docx", PdfBytes, "The file's name ends in .docx but its content is not an Office file. Upload the original file." },
        { "fake.png", PdfBytes, "The file's name ends in .png but its content is not a PNG image file. Upload the original file." },
        { "fake.jpg", PngBytes, "The file's name ends in .jpg but its content is not a JPEG image file. Upload the original file." },
        { "binary.txt", [0x41, 0x00, 0x42], "The file is not plain text in UTF-8. Save it as UTF-8 text and upload it again." },
        { "latin1.md", [0x63, 0x61, 0x66, 0xE9], "The file is not plain text in UTF-8. Save it as UTF-8 text and upload it again." },
        { "empty.pdf", [], "The file is empty. Choose the file again." },
    };

    [Theory]
    [MemberData(nameof(BadFiles))]
    public async Task An_upload_that_is_too_big_of_a_wrong_type_or_not_what_it_says_is_refused_next_to_the_file_field(string name, byte[] content, string message)
    {
        var program = await app.ProgramAsync(ProgramStatus.Enrolling);
        var client = await app.SignedInClientAsync(Roles.HrCoordinator);

        var response = await client.PostMultipartAsync($"/Programs/{program.Id}/Resources", Form(), "Data.File", name, content);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(message, HttpClientForms.FieldError(await response.Content.ReadAsStringAsync(), "Data.File"));
        Assert.Empty(await ResourcesOf(program.Id));
    }

    [Theory]
    [InlineData(".docx", new byte[] { 0x50, 0x4B, 0x03, 0x04, 20, 0 })]
    [InlineData(".png", new byte[] { 0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0 })]
    [InlineData(".jpeg", new byte[] { 0xFF, 0xD8, 0xFF, 0xE0 })]
    [InlineData(".md", new byte[] { 0xEF, 0xBB, 0xBF, 0x23, 0x20, 0xC3, 0xA9 })]
    public async Task Each_allowed_type_with_matching_content_is_accepted(string extension, byte[] content)
    {
        var program = await app.ProgramAsync(ProgramStatus.Enrolling);

        var resource = await AddFileAsync(program.Id, ResourceAudience.Both, "file" + extension, content);

        Assert.EndsWith(extension, resource.StoredFileName, StringComparison.Ordinal);
        Assert.True(System.IO.File.Exists(Path.Combine(app.UploadFolder, resource.StoredFileName!)));
    }

    public static TheoryData<string, string, string> BadForms => new()
    {
        { "Data.Title", "", "Give the resource a title." },
        { "Data.Title", new string('t', Resource.TitleMaxLength + 1), "A title has at most 150 characters." },
        { "Data.Url", "javascript:alert(1)", "Enter a full link that starts with https:// or http://." },
        { "Data.Url", "ftp://example.com/guide.pdf", "Enter a full link that starts with https:// or http://." },
        { "Data.File", "", "Enter a link, or choose a file to upload." },
    };

    [Theory]
    [MemberData(nameof(BadForms))]
    public async Task Form_mistakes_are_shown_next_to_their_field_and_nothing_is_saved(string field, string value, string message)
    {
        var program = await app.ProgramAsync(ProgramStatus.Enrolling);
        var client = await app.SignedInClientAsync(Roles.HrCoordinator);
        var form = Form(url: "https://example.com/guide");
        if (field == "Data.File")
        {
            form["Data.Url"] = "";
        }
        else
        {
            form[field] = value;
        }

        var response = await client.PostFormAsync($"/Programs/{program.Id}/Resources", form);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(message, HttpClientForms.FieldError(await response.Content.ReadAsStringAsync(), field));
        Assert.Empty(await ResourcesOf(program.Id));
    }

    [Fact]
    public async Task A_link_and_a_file_together_are_refused()
    {
        var program = await app.ProgramAsync(ProgramStatus.Enrolling);
        var client = await app.SignedInClientAsync(Roles.HrCoordinator);
        var storedBefore = app.StoredFiles().Count;

        var response = await client.PostMultipartAsync($"/Programs/{program.Id}/Resources", Form(url: "https://example.com"), "Data.File", "guide.pdf", PdfBytes);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("Give either a link or a file, not both.", HttpClientForms.FieldError(await response.Content.ReadAsStringAsync(), "Data.Url"));
        Assert.Empty(await ResourcesOf(program.Id));
        Assert.Equal(storedBefore, app.StoredFiles().Count);
    }

    [Fact]
    public async Task Deleting_after_confirmation_removes_the_resource_and_its_file()
    {
        var program = await app.ProgramAsync(ProgramStatus.Enrolling);
        var resource = await AddFileAsync(program.Id, ResourceAudience.Both);
        var client = await app.SignedInClientAsync(Roles.HrCoordinator);
        var url = $"/Programs/{program.Id}/Resources/{resource.Id}/Delete";
        Assert.Contains($"Delete \"{resource.Title}\"?", WebUtility.HtmlDecode(await client.GetHtmlAsync(url)), StringComparison.Ordinal);

        var response = await client.PostFormAsync(url, []);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Empty(await ResourcesOf(program.Id));
        Assert.False(System.IO.File.Exists(Path.Combine(app.UploadFolder, resource.StoredFileName!)));
    }

    [Fact]
    public async Task The_library_says_so_when_it_is_empty()
    {
        var program = await app.ProgramAsync(ProgramStatus.Enrolling);
        var client = await app.SignedInClientAsync(Roles.HrCoordinator);

        Assert.Contains("No resources yet.", await client.GetHtmlAsync($"/Programs/{program.Id}/Resources"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_archived_programs_library_no_longer_changes()
    {
        var program = await app.ProgramAsync(ProgramStatus.Enrolling, archived: true);
        var hr = (await app.PersonAsync(Roles.HrCoordinator)).As;

        var refused = await Assert.ThrowsAsync<RequestValidationException>(() =>
            app.SendAsync(new AddResource.Command { ProgramId = program.Id, Title = "Late", Url = "https://example.com" }, hr));

        Assert.Equal("This program is archived; its resources can no longer change.", Assert.Single(refused.Failures).ErrorMessage);
    }

    [Theory]
    [InlineData(Roles.Mentor)]
    [InlineData(Roles.Mentee)]
    [InlineData(Roles.Leadership)]
    public async Task Only_HR_may_add_list_or_delete_resources(string role)
    {
        var program = await app.ProgramAsync(ProgramStatus.Enrolling);
        var resource = await AddFileAsync(program.Id, ResourceAudience.Both);
        var someone = AppFactory.PrincipalFor(await app.CreateUserAsync(role), role);

        await Assert.ThrowsAsync<RequestAuthorizationException>(() =>
            app.SendAsync(new AddResource.Command { ProgramId = program.Id, Title = "Mine", Url = "https://example.com" }, someone));
        await Assert.ThrowsAsync<RequestAuthorizationException>(() => app.SendAsync(new DeleteResource.Command(program.Id, resource.Id), someone));
        await Assert.ThrowsAsync<RequestAuthorizationException>(() => app.SendAsync(new ListResources.Query(program.Id, 1), someone));
        Assert.Single(await ResourcesOf(program.Id));
    }
}
