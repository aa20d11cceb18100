using System.Globalization;
using OpenQA.Selenium;
using OpenQA.Selenium.Chrome;
using OpenQA.Selenium.Support.UI;

namespace CoSell.EndToEnd.Tests;

/// <summary>
/// Headless Debian Chromium through chromedriver (test.sh installs both), with a fresh profile, bounded timeouts,
/// a screenshot in /tmp when the scenario fails, and the driver always quit.
/// </summary>
internal static class Browser
{
    public static readonly TimeSpan Wait = TimeSpan.FromSeconds(30);

    static string ChromiumPath => Environment.GetEnvironmentVariable("COSELL_CHROMIUM") is { Length: > 0 } path ? path : "/usr/bin/chromium";

    static string ChromeDriverPath => Environment.GetEnvironmentVariable("COSELL_CHROMEDRIVER") is { Length: > 0 } path ? path : "/usr/bin/chromedriver";

    /// <summary>Runs <paramref name="scenario"/> in a new browser; on failure saves /tmp/cosell-e2e-{name}-{time}.png and rethrows.</summary>
    public static async Task RunAsync(string name, Func<ChromeDriver, Task> scenario)
    {
        string profile = Directory.CreateTempSubdirectory("cosell-e2e-chromium-").FullName;
        ChromeDriverService service = ChromeDriverService.CreateDefaultService(Path.GetDirectoryName(ChromeDriverPath)!, Path.GetFileName(ChromeDriverPath));
        service.SuppressInitialDiagnosticInformation = true;
        service.HideCommandPromptWindow = true;
        ChromeOptions options = new() { BinaryLocation = ChromiumPath };
        options.AddArguments(
            "--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-background-networking",
            "--disable-component-update", "--disable-sync", "--no-first-run", "--window-size=1280,2000", "--user-data-dir=" + profile);
        ChromeDriver? driver = null;
        try
        {
            driver = new ChromeDriver(service, options, TimeSpan.FromSeconds(60));
            driver.Manage().Timeouts().PageLoad = Wait;
            driver.Manage().Timeouts().AsynchronousJavaScript = Wait;
            try
            {
                await scenario(driver);
            }
            catch (Exception)
            {
                Screenshot(driver, name);
                throw;
            }
        }
        finally
        {
            driver?.Quit();
            driver?.Dispose();
            service.Dispose();
            TryDelete(profile);
        }
    }

    /// <summary>Waits (bounded) until <paramref name="condition"/> holds, failing with <paramref name="what"/>.</summary>
    public static T Until<T>(IWebDriver driver, Func<IWebDriver, T?> condition, string what)
    {
        WebDriverWait wait = new(driver, Wait) { Message = what };
        wait.IgnoreExceptionTypes(typeof(NoSuchElementException), typeof(StaleElementReferenceException));
        return wait.Until(condition)!;
    }

    /// <summary>A button addressed by its visible label, as a user finds it.</summary>
    public static IWebElement Button(ISearchContext page, string label)
        => page.FindElement(By.XPath($"//button[normalize-space(.)='{label}']"));

    /// <summary>A form control addressed by the text of its &lt;label&gt;.</summary>
    public static IWebElement Labelled(IWebDriver driver, string labelText)
    {
        IWebElement label = driver.FindElement(By.XPath($"//label[starts-with(normalize-space(.), '{labelText}')]"));
        return driver.FindElement(By.Id(label.GetDomAttribute("for") ?? throw new InvalidOperationException($"Label '{labelText}' has no for attribute.")));
    }

    static void Screenshot(ChromeDriver driver, string name)
    {
        try
        {
            string path = Path.Combine(Path.GetTempPath(), string.Create(CultureInfo.InvariantCulture, $"cosell-e2e-{name}-{DateTime.UtcNow:yyyyMMddHHmmss}.png"));
            driver.GetScreenshot().SaveAsFile(path);
            Console.Error.WriteLine($"Browser screenshot: {path} (page {driver.Url})");
        }
        catch (WebDriverException)
        {
            // The browser is gone; the original failure matters more.
        }
    }

    static void TryDelete(string directory)
    {
        try
        {
            Directory.Delete(directory, recursive: true);
        }
        catch (IOException)
        {
        }
        catch (UnauthorizedAccessException)
        {
        }
    }
}
