package io.wharf.storage;

class MemoryStoreTest extends StoreConformanceTest {
    @Override
    protected Store newStore() {
        return new MemoryStore();
    }
}
