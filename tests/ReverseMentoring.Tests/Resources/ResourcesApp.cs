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
        With("Invitations:RemindersEnabled", "false");
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

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        if (disposing && Directory.Exists(UploadFolder))
        {
            Directory.Delete(UploadFolder, recursive: true);
        }
    }
}
