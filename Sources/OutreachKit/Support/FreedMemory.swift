/// Gives the memory a large step freed back to the system.
///
/// glibc keeps what the process frees for the process; after the manifest is read (its YAML
/// text and parse), and every few thousand pages as they are rendered, what was freed is
/// handed back, so that what comes next does not add to it. Elsewhere it does nothing.
package enum FreedMemory {
    package static func giveBack() {
        #if canImport(Glibc)
        settled
        _ = glibcMallocTrim(0)
        #endif
    }

    /// Fixes glibc's thresholds for the run, once, before it allocates much.
    ///
    /// glibc raises both thresholds as large blocks are freed: after the 14 MB text of a manifest
    /// of 100,000 materials, blocks of up to 14 MB no longer came from `mmap`, and the free space at
    /// the top of each thread's heap was kept until it passed 28 MB. `malloc_trim` does not give
    /// that space back for the heaps of threads other than the first, so a run held 20 MB more
    /// than it used from then on (86 MB at its peak, against 65 MB with the thresholds fixed).
    /// Blocks of 1 MiB and more come from `mmap` and go back when freed; a heap's top is given back
    /// past 2 MiB. A smaller `mmap` threshold made each run slower (blocks of a few hundred KB are
    /// made for every page). With these values a run was faster than with glibc's own, in the same
    /// bench: by about a fifth with one job, and 7% with two, at 10,000 materials.
    package static let settled: Void = {
        #if canImport(Glibc)
        _ = glibcMallopt(-3, 1 << 20) // M_MMAP_THRESHOLD
        _ = glibcMallopt(-1, 2 << 20) // M_TRIM_THRESHOLD
        #endif
    }()
}

#if canImport(Glibc)
/// glibc's `malloc_trim(3)`, which `malloc.h` declares and the Swift overlay does not import.
@_silgen_name("malloc_trim")
private func glibcMallocTrim(_ pad: Int) -> Int32

/// glibc's `mallopt(3)`, from `malloc.h` as well.
@_silgen_name("mallopt")
private func glibcMallopt(_ parameter: Int32, _ value: Int32) -> Int32
#endif
