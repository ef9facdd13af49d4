using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using ReverseMentoring.Web.Data;

namespace ReverseMentoring.Web.Features.Resources;

public sealed class ResourceOptions
{
    public const string Section = "Resources";

    /// <summary>Where uploaded files are kept, relative to the content root: never under wwwroot.</summary>
    public string Folder { get; set; } = "App_Data/uploads";

    public long MaxFileBytes { get; set; } = 10 * 1024 * 1024;
}

public static class ResourceRegistration
{
    public static IServiceCollection AddResourceLibrary(this IServiceCollection services, IConfiguration configuration)
    {
        services.Configure<ResourceOptions>(configuration.GetSection(ResourceOptions.Section));
        services.AddSingleton<ResourceFiles>();
        return services;
    }
}

/// <summary>Which resources a participant sees: those for everyone and those for their own side.</summary>
public static class ResourceAudiences
{
    public static IReadOnlyList<ResourceAudience> VisibleTo(ParticipantRole role) =>
        role == ParticipantRole.Mentor ? [ResourceAudience.Both, ResourceAudience.Mentors] : [ResourceAudience.Both, ResourceAudience.Mentees];

    /// <summary>
    /// Enrolments that give access to a program's resources: approved, or waiting for HR's first decision. One HR
    /// turned down gives none, also when the person withdrew and enrolled again (pending, with HR's reason kept), until
    /// HR approves it: approving is the only step that clears the reason.
    /// </summary>
    public static IQueryable<Enrolment> GivingAccess(this IQueryable<Enrolment> enrolments, int programId, string userId) =>
        enrolments.Where(e => e.ProgramId == programId && e.UserId == userId
            && (e.Status == EnrolmentStatus.Approved || (e.Status == EnrolmentStatus.Pending && e.DecisionReason == null)));

    public static string Describe(ResourceAudience audience) => audience switch
    {
        ResourceAudience.Mentors => "Mentors",
        ResourceAudience.Mentees => "Mentees",
        _ => "Mentors and mentees",
    };
}

/// <summary>
/// Uploaded resource files: checked (size, extension, and that the content is what the extension says), then
/// stored under a random name outside wwwroot, so an upload can neither be served as a page nor choose its path.
/// </summary>
public sealed partial class ResourceFiles(IOptions<ResourceOptions> options, IHostEnvironment environment)
{
    public const int FileNameMaxLength = 255;

    private static readonly byte[] Pdf = "%PDF-"u8.ToArray();
    private static readonly byte[] Zip = [0x50, 0x4B, 0x03, 0x04];
    private static readonly byte[] Png = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A];
    private static readonly byte[] Jpeg = [0xFF, 0xD8, 0xFF];

    public static IReadOnlyDictionary<string, string> ContentTypes { get; } = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase)
    {
        [".pdf"] = "application/pdf",
        [".docx"] = "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        [".pptx"] = "application/vnd.openxmlformats-officedocument.presentationml.presentation",
        [".xlsx"] = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        [".png"] = "image/png",
        [".jpg"] = "image/jpeg",
        [".jpeg"] = "image/jpeg",
        [".txt"] = "text/plain; charset=utf-8",
        [".md"] = "text/markdown; charset=utf-8",
    };

    public long MaxFileBytes => options.Value.MaxFileBytes;

    public string Folder => Path.GetFullPath(Path.Combine(environment.ContentRootPath, options.Value.Folder));

    public static string Size(long bytes) => bytes switch
    {
        < 1024 => $"{bytes} bytes",
        < 1024 * 1024 => string.Create(CultureInfo.InvariantCulture, $"{bytes / 1024.0:0.#} KB"),
        _ => string.Create(CultureInfo.InvariantCulture, $"{bytes / (1024.0 * 1024):0.#} MB"),
    };

    /// <summary>What is wrong with an upload, said so the person can fix it; null when it may be stored.</summary>
    public async Task<string?> ProblemWithAsync(IFormFile file, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(file);
        var name = Path.GetFileName(file.FileName);
        var extension = Path.GetExtension(name).ToLowerInvariant();
        if (!ContentTypes.ContainsKey(extension))
        {
            return (extension.Length == 0 ? "The file has no extension. " : $"Files of type {extension} cannot be added. ")
                + "Upload a PDF, Word (.docx), PowerPoint (.pptx), Excel (.xlsx), PNG or JPEG image, or text (.txt, .md) file.";
        }

        if (name.Length > FileNameMaxLength)
        {
            return $"The file name is longer than {FileNameMaxLength} characters. Rename the file and upload it again.";
        }

        if (file.Length == 0)
        {
            return "The file is empty. Choose the file again.";
        }

        if (file.Length > MaxFileBytes)
        {
            return $"The file is {Size(file.Length)}; files may be at most {Size(MaxFileBytes)}. Upload a smaller file or add a link to it instead.";
        }

        await using var content = file.OpenReadStream();
        return extension switch
        {
            ".pdf" => await StartsWithAsync(content, Pdf, cancellationToken) ? null : NotWhatItSays("a PDF", extension),
            ".docx" or ".pptx" or ".xlsx" => await StartsWithAsync(content, Zip, cancellationToken) ? null : NotWhatItSays("an Office", extension),
            ".png" => await StartsWithAsync(content, Png, cancellationToken) ? null : NotWhatItSays("a PNG image", extension),
            ".jpg" or ".jpeg" => await StartsWithAsync(content, Jpeg, cancellationToken) ? null : NotWhatItSays("a JPEG image", extension),
            _ => await IsPlainTextAsync(content, cancellationToken) ? null : "The file is not plain text in UTF-8. Save it as UTF-8 text and upload it again.",
        };
    }

    /// <summary>Stores a checked upload under a new random name, which it returns.</summary>
    public async Task<string> SaveAsync(IFormFile file, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(file);
        var storedName = Convert.ToHexString(RandomNumberGenerator.GetBytes(16)).ToLowerInvariant()
            + Path.GetExtension(file.FileName).ToLowerInvariant();
        Directory.CreateDirectory(Folder);
        await using var target = new FileStream(Path.Combine(Folder, storedName), FileMode.CreateNew, FileAccess.Write);
        await file.CopyToAsync(target, cancellationToken);
        return storedName;
    }

    /// <summary>Stores a text of the app's own (the demo's starter guides) as a UTF-8 .txt file; the random name it is stored under.</summary>
    public async Task<string> SaveTextAsync(string text, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(text);
        var storedName = Convert.ToHexString(RandomNumberGenerator.GetBytes(16)).ToLowerInvariant() + ".txt";
        Directory.CreateDirectory(Folder);
        await File.WriteAllTextAsync(Path.Combine(Folder, storedName), text, new System.Text.UTF8Encoding(false), cancellationToken);
        return storedName;
    }

    /// <summary>The full path of a stored file, or null when there is none by that name.</summary>
    public string? PathOf(string storedName)
    {
        ArgumentNullException.ThrowIfNull(storedName);
        if (!StoredName().IsMatch(storedName))
        {
            return null;
        }

        var path = Path.Combine(Folder, storedName);
        return File.Exists(path) ? path : null;
    }

    /// <summary>A copy of a stored file under a new random name, which it returns; null when the file is gone.</summary>
    public async Task<string?> CopyAsync(string storedName, CancellationToken cancellationToken)
    {
        if (PathOf(storedName) is not { } source)
        {
            return null;
        }

        var copyName = Convert.ToHexString(RandomNumberGenerator.GetBytes(16)).ToLowerInvariant() + Path.GetExtension(storedName);
        await using var from = new FileStream(source, FileMode.Open, FileAccess.Read, FileShare.Read);
        await using var to = new FileStream(Path.Combine(Folder, copyName), FileMode.CreateNew, FileAccess.Write);
        await from.CopyToAsync(to, cancellationToken);
        return copyName;
    }

    public void Delete(string storedName)
    {
        if (PathOf(storedName) is { } path)
        {
            File.Delete(path);
        }
    }

    private static string NotWhatItSays(string kind, string extension) =>
        $"The file's name ends in {extension} but its content is not {kind} file. Upload the original file.";

    private static async Task<bool> StartsWithAsync(Stream content, byte[] signature, CancellationToken cancellationToken)
    {
        var head = new byte[signature.Length];
        var read = await content.ReadAtLeastAsync(head, head.Length, throwOnEndOfStream: false, cancellationToken);
        return read == head.Length && head.AsSpan().SequenceEqual(signature);
    }

    private static async Task<bool> IsPlainTextAsync(Stream content, CancellationToken cancellationToken)
    {
        using var buffer = new MemoryStream();
        await content.CopyToAsync(buffer, cancellationToken);
        var bytes = buffer.GetBuffer().AsSpan(0, (int)buffer.Length);
        if (bytes.Contains((byte)0))
        {
            return false;
        }

        try
        {
            _ = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true).GetCharCount(bytes);
            return true;
        }
        catch (DecoderFallbackException)
        {
            return false;
        }
    }

    [GeneratedRegex("^[0-9a-f]{32}\\.[a-z]{2,4}$")]
    private static partial Regex StoredName();
}
