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
    }

    public string UploadFolder { get; }

    public IReadOnlyList<string> StoredFiles() => Directory.Exists(UploadFolder) ? Directory.GetFiles(UploadFolder) : [];

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        if (disposing && Directory.Exists(UploadFolder))
        {
            Directory.Delete(UploadFolder, recursive: true);
        }
    }
}
