/// Gives the memory a large step freed back to the system.
///
/// glibc keeps what the process frees for the process; after the manifest is read (its YAML
/// text and parse), and every few thousand pages as they are rendered, what was freed is
/// handed back, so that what comes next does not add to it. Elsewhere it does nothing.
package enum FreedMemory {
    package static func giveBack() {
        #if canImport(Glibc)
        _ = glibcMallocTrim(0)
        #endif
    }
}

#if canImport(Glibc)
/// glibc's `malloc_trim(3)`, which `malloc.h` declares and the Swift overlay does not import.
@_silgen_name("malloc_trim")
private func glibcMallocTrim(_ pad: Int) -> Int32
#endif
