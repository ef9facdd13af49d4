using System.Net.Http.Headers;
using System.Net;
using System.Text.RegularExpressions;
using ReverseMentoring.Web.Data;

namespace ReverseMentoring.Tests.Resources;

/// <summary>The app with uploads stored in a folder of its own and a small size limit, so "too big" needs no big file.</summary>
public sealed class ResourcesApp : AppFactory
{
    public const int MaxFileBytes = 4096;

    public ResourcesApp()
    {
        UploadFolder = Path.Combine(Path.GetTempPath(), "rm-tests", "uploads-" + Guid.NewGuid().ToString("N"));
        With("Resources:Folder", UploadFolder);
        With("Resources:MaxFileBytes", MaxFileBytes.ToString(System.Globalization.CultureInfo.InvariantCulture));
        With("Jobs:InvitationReminders:Enabled", "false");
    }

    public string UploadFolder { get; }

    public IReadOnlyList<string> StoredFiles() => Directory.Exists(UploadFolder) ? Directory.GetFiles(UploadFolder) : [];

    public async Task<MentoringProgram> AddProgramAsync(bool archived = false)
    {
        var program = new MentoringProgram
        {
            Name = $"Listening {Guid.NewGuid():N}"[..20],
            Objectives = "Generational insight",
            StartsOn = new DateOnly(2027, 1, 1),
            EndsOn = new DateOnly(2027, 6, 30),
            Status = ProgramStatus.Enrolling,
            CreatedAtUtc = DateTime.UtcNow,
            ArchivedAtUtc = archived ? DateTime.UtcNow : null,
        };
        await ExecuteDbContextAsync(async db =>
        {
            db.Programs.Add(program);
            await db.SaveChangesAsync();
        });
        return program;
    }

    /// <summary>A person holding the role, enrolled in the program with the given status.</summary>
    public async Task<AppUser> EnrolAsync(int programId, ParticipantRole role, EnrolmentStatus status = EnrolmentStatus.Approved)
    {
        var user = await CreateUserAsync(role == ParticipantRole.Mentor ? Roles.Mentor : Roles.Mentee);
        await ExecuteDbContextAsync(async db =>
        {
            db.Enrolments.Add(new Enrolment { ProgramId = programId, UserId = user.Id, Role = role, Status = status, CreatedAtUtc = DateTime.UtcNow });
            await db.SaveChangesAsync();
        });
        return user;
    }

    public async Task<HttpClient> SignedInClientAsync(AppUser user)
    {
        var client = Client();
        var response = await client.PostFormAsync("/Account/SignIn", new() { ["Data.Email"] = user.Email!, ["Data.Password"] = Password });
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        return client;
    }

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        if (disposing && Directory.Exists(UploadFolder))
        {
            Directory.Delete(UploadFolder, recursive: true);
        }
    }
}

public static partial class MultipartForms
{
    /// <summary>Posts a multipart form with one file, with the anti-forgery token of the page it came from.</summary>
    public static async Task<HttpResponseMessage> PostMultipartAsync(
        this HttpClient client, string url, Dictionary<string, string> fields, string fileField, string fileName, byte[] content)
    {
        ArgumentNullException.ThrowIfNull(client);
        ArgumentNullException.ThrowIfNull(fields);
        var html = await (await client.GetAsync(new Uri(url, UriKind.Relative))).Content.ReadAsStringAsync();
        var token = TokenPattern().Match(html);
        Assert.True(token.Success, $"No anti-forgery token on {url}.");
        using var form = new MultipartFormDataContent();
        foreach (var (name, value) in fields)
        {
            form.Add(new StringContent(value), name);
        }

        form.Add(new StringContent(WebUtility.HtmlDecode(token.Groups[1].Value)), "__RequestVerificationToken");
        var file = new ByteArrayContent(content);
        file.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
        form.Add(file, fileField, fileName);
        return await client.PostAsync(new Uri(url, UriKind.Relative), form);
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex TokenPattern();
}
